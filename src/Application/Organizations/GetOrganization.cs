using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Application.Quota;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Organizations;

/// <summary>An organization's limits and its usage now: calls in progress, minutes this month.</summary>
public sealed record GetOrganization(Guid OrganizationId) : IQuery<Result<OrganizationDetails>>;

internal sealed class GetOrganizationValidator : AbstractValidator<GetOrganization>
{
    public GetOrganizationValidator() => RuleFor(x => x.OrganizationId).NotEmpty();
}

internal sealed class GetOrganizationHandler(IAppDbContext db, TimeProvider clock) : IQueryHandler<GetOrganization, Result<OrganizationDetails>>
{
    public async ValueTask<Result<OrganizationDetails>> Handle(GetOrganization query, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == query.OrganizationId, cancellationToken);
        if (organization is null) return new Error(ErrorKind.NotFound, $"Organization {query.OrganizationId} does not exist.");

        var activeCalls = await db.CapacityReservations.CountAsync(r => r.OrganizationId == query.OrganizationId, cancellationToken);
        var seconds = await MonthlyUsage.SecondsThisMonthAsync(db, query.OrganizationId, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return new OrganizationDetails(organization.Id, organization.Name, organization.ConcurrentCallLimit, organization.MonthlyMinutes, activeCalls,
            Math.Round(seconds / 60, 2), organization.CreatedAt);
    }
}
