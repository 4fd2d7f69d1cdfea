using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Domain.Runs;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Telephony;

/// <summary>
/// The credentials an organization stored for a telephony provider, with the auth token decrypted for the caller's
/// use in memory; none when it stored nothing. A provider adapter asks at a call's admission (Twilio: to check the
/// request signature and, later, to hang up through the REST API).
/// </summary>
public sealed record FindTelephonyCredentials(Guid OrganizationId, CallMode Provider) : IQuery<Result<TelephonyCredentials?>>;

internal sealed class FindTelephonyCredentialsValidator : AbstractValidator<FindTelephonyCredentials>
{
    public FindTelephonyCredentialsValidator()
    {
        RuleFor(x => x.OrganizationId).NotEmpty();
        RuleFor(x => x.Provider).Must(p => p.Name is not null).WithMessage("Provider must be given.");
    }
}

internal sealed class FindTelephonyCredentialsHandler(IAppDbContext db, ISecretProtector protector)
    : IQueryHandler<FindTelephonyCredentials, Result<TelephonyCredentials?>>
{
    public async ValueTask<Result<TelephonyCredentials?>> Handle(FindTelephonyCredentials query, CancellationToken cancellationToken)
    {
        var stored = await db.TelephonyAccounts.AsNoTracking()
            .Where(a => a.OrganizationId == query.OrganizationId && a.Provider == query.Provider)
            .Select(a => new { a.AccountSid, a.ProtectedAuthToken })
            .SingleOrDefaultAsync(cancellationToken);
        if (stored is null) return Result<TelephonyCredentials?>.Success(null);

        var token = protector.Unprotect(SecretPurpose.TelephonyAuthToken(query.OrganizationId, query.Provider), stored.ProtectedAuthToken);
        return new TelephonyCredentials(stored.AccountSid, token);
    }
}
