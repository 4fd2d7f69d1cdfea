using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Organizations;

/// <summary>Every organization on this server, oldest first: the operator's way back to an id printed once and lost.</summary>
public sealed record ListOrganizations : IQuery<Result<IReadOnlyList<OrganizationSummary>>>;

internal sealed class ListOrganizationsHandler(IAppDbContext db) : IQueryHandler<ListOrganizations, Result<IReadOnlyList<OrganizationSummary>>>
{
    public async ValueTask<Result<IReadOnlyList<OrganizationSummary>>> Handle(ListOrganizations query, CancellationToken cancellationToken) =>
        await db.Organizations.AsNoTracking()
            .OrderBy(o => o.CreatedAt)
            .Select(o => new OrganizationSummary(o.Id, o.Name, o.ConcurrentCallLimit, o.MonthlyMinutes, o.CreatedAt))
            .ToListAsync(cancellationToken);
}
