using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Domain.Runs;
using CleanAgent.Domain.Telephony;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Telephony;

/// <summary>
/// Stores an organization's credentials at a telephony provider, replacing any it had there. The auth token is
/// encrypted before it reaches the database and is never returned.
/// </summary>
/// <param name="Provider">A provider's name (<c>twilio</c>), matched as Agent Stream matches it (trimmed, any case).</param>
/// <param name="AccountSid">The provider account (Twilio: <c>AC…</c>); it goes into REST URLs, so it must be path-safe.</param>
public sealed record SetTelephonyCredentials(Guid OrganizationId, string Provider, string AccountSid, Secret AuthToken)
    : ICommand<Result<TelephonyCredentialsSet>>;

internal sealed class SetTelephonyCredentialsValidator : AbstractValidator<SetTelephonyCredentials>
{
    /// <summary>Twilio's tokens are 32 characters; the bound only keeps absurd input out of the database.</summary>
    public const int MaxAuthTokenLength = 256;

    public SetTelephonyCredentialsValidator()
    {
        RuleFor(x => x.OrganizationId).NotEmpty();
        RuleFor(x => x.Provider)
            .Must(name => TelephonyProviders.IsKnown(TelephonyProviders.Normalize(name)) && CallMode.IsValid(TelephonyProviders.Normalize(name)))
            .WithMessage($"Provider must be one of: {string.Join(", ", TelephonyProviders.KnownNames)}.");
        // The value is never echoed: whatever was typed may be a secret pasted into the wrong option.
        RuleFor(x => x.AccountSid)
            .Must(PathSafeIdentifier.IsCallSid)
            .WithMessage($"Account SID must be letters, digits, '-', '_' and dots (not first), at most {PathSafeIdentifier.MaxCallSidLength} characters.");
        RuleFor(x => x.AuthToken)
            .Must(token => !token.IsBlank && token.Value.Length <= MaxAuthTokenLength)
            .WithMessage($"Auth token must be given, at most {MaxAuthTokenLength} characters.");
    }
}

internal sealed class SetTelephonyCredentialsHandler(IAppDbContext db, ISecretProtector protector, TimeProvider clock)
    : ICommandHandler<SetTelephonyCredentials, Result<TelephonyCredentialsSet>>
{
    public async ValueTask<Result<TelephonyCredentialsSet>> Handle(SetTelephonyCredentials command, CancellationToken cancellationToken)
    {
        if (!await db.Organizations.AnyAsync(o => o.Id == command.OrganizationId, cancellationToken))
            return new Error(ErrorKind.NotFound, $"Organization {command.OrganizationId} does not exist.");

        var provider = CallMode.Of(TelephonyProviders.Normalize(command.Provider)!);
        var protectedToken = protector.Protect(SecretPurpose.TelephonyAuthToken(command.OrganizationId, provider), command.AuthToken);
        var now = clock.GetUtcNow().UtcDateTime;

        var account = await FindAsync(command.OrganizationId, provider, cancellationToken);
        var replaced = account is not null;
        if (account is null)
        {
            account = TelephonyAccount.Create(command.OrganizationId, provider, command.AccountSid, protectedToken, now);
            db.TelephonyAccounts.Add(account);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (db.IsUniqueViolation(ex))
            {
                // Another set for the same organization and provider won the insert: replace what it stored instead.
                db.Detach(account);
                account = await FindAsync(command.OrganizationId, provider, cancellationToken)
                          ?? throw new InvalidOperationException("The telephony account that refused the insert is gone.", ex);
                replaced = true;
                account.Replace(command.AccountSid, protectedToken, now);
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        else
        {
            account.Replace(command.AccountSid, protectedToken, now);
            await db.SaveChangesAsync(cancellationToken);
        }

        return new TelephonyCredentialsSet(account.OrganizationId, provider.Name, account.AccountSid, replaced, account.UpdatedAt);
    }

    private Task<TelephonyAccount?> FindAsync(Guid organizationId, CallMode provider, CancellationToken cancellationToken) =>
        db.TelephonyAccounts.SingleOrDefaultAsync(a => a.OrganizationId == organizationId && a.Provider == provider, cancellationToken);
}
