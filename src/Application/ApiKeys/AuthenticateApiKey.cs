using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.ApiKeys;

/// <summary>Who is calling: the organization an active API key belongs to.</summary>
public sealed record AuthenticateApiKey(Secret ApiKey) : IQuery<Result<AuthenticatedCaller>>;

internal sealed class AuthenticateApiKeyValidator : AbstractValidator<AuthenticateApiKey>
{
    public const string Prefix = "dg_";

    public AuthenticateApiKeyValidator() =>
        RuleFor(x => x.ApiKey)
            .Must(key => !key.IsBlank && key.Value.StartsWith(Prefix, StringComparison.Ordinal) && key.Value.Length <= 256)
            .WithErrorCode(nameof(ErrorKind.Unauthorized))
            .WithMessage("Invalid or missing API key.");
}

internal sealed class AuthenticateApiKeyHandler(IAppDbContext db, IApiKeyHasher hasher, TimeProvider clock)
    : IQueryHandler<AuthenticateApiKey, Result<AuthenticatedCaller>>
{
    /// <summary>Last-used is a hint for operators, not an audit log: refresh it at most this often per key.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private static readonly Error Refused = new(ErrorKind.Unauthorized, "Invalid or missing API key.");

    public async ValueTask<Result<AuthenticatedCaller>> Handle(AuthenticateApiKey query, CancellationToken cancellationToken)
    {
        var hash = hasher.Hash(query.ApiKey);
        var key = await db.ApiKeys.AsNoTracking()
            .Where(k => k.KeyHash == hash)
            .Select(k => new { k.Id, k.OrganizationId, k.IsArchived, k.LastUsedAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (key is null || key.IsArchived) return Refused;

        var now = clock.GetUtcNow().UtcDateTime;
        if (key.LastUsedAt is null || now - key.LastUsedAt.Value >= LastUsedResolution)
        {
            // One conditional UPDATE; concurrent callers of the same key do not fight over a tracked entity.
            var stale = now - LastUsedResolution;
            await db.ApiKeys
                .Where(k => k.Id == key.Id && (k.LastUsedAt == null || k.LastUsedAt <= stale))
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        }

        return new AuthenticatedCaller(key.Id, key.OrganizationId);
    }
}
