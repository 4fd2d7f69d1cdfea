using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.ApiKeys;

/// <summary>An organization's API keys, newest first; archived ones only when asked for.</summary>
public sealed record ListApiKeys(Guid OrganizationId, bool IncludeArchived = false) : IQuery<Result<IReadOnlyList<ApiKeySummary>>>;

internal sealed class ListApiKeysValidator : AbstractValidator<ListApiKeys>
{
    public ListApiKeysValidator() => RuleFor(x => x.OrganizationId).NotEmpty();
}

internal sealed class ListApiKeysHandler(IAppDbContext db) : IQueryHandler<ListApiKeys, Result<IReadOnlyList<ApiKeySummary>>>
{
    public async ValueTask<Result<IReadOnlyList<ApiKeySummary>>> Handle(ListApiKeys query, CancellationToken cancellationToken)
    {
        if (!await db.Organizations.AnyAsync(o => o.Id == query.OrganizationId, cancellationToken))
            return new Error(ErrorKind.NotFound, $"Organization {query.OrganizationId} does not exist.");

        return await db.ApiKeys.AsNoTracking()
            .Where(k => k.OrganizationId == query.OrganizationId && (query.IncludeArchived || !k.IsArchived))
            .OrderByDescending(k => k.CreatedAt)
            .Select(k => new ApiKeySummary(k.Id, k.Name, k.DisplayPrefix, k.IsArchived, k.CreatedAt, k.LastUsedAt, k.ArchivedAt))
            .ToListAsync(cancellationToken);
    }
}
