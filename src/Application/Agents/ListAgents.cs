using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Domain.Agents;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Agents;

/// <summary>An organization's agents, newest first; archived ones only when asked for.</summary>
public sealed record ListAgents(Guid OrganizationId, bool IncludeArchived = false) : IQuery<Result<IReadOnlyList<AgentSummary>>>;

internal sealed class ListAgentsValidator : AbstractValidator<ListAgents>
{
    public ListAgentsValidator() => RuleFor(x => x.OrganizationId).NotEmpty();
}

internal sealed class ListAgentsHandler(IAppDbContext db) : IQueryHandler<ListAgents, Result<IReadOnlyList<AgentSummary>>>
{
    public async ValueTask<Result<IReadOnlyList<AgentSummary>>> Handle(ListAgents query, CancellationToken cancellationToken)
    {
        if (!await db.Organizations.AnyAsync(o => o.Id == query.OrganizationId, cancellationToken))
            return new Error(ErrorKind.NotFound, $"Organization {query.OrganizationId} does not exist.");

        var agents = await db.Agents.AsNoTracking()
            .Where(a => a.OrganizationId == query.OrganizationId && (query.IncludeArchived || !a.IsArchived))
            .OrderByDescending(a => a.CreatedAt)
            .Select(a => new
            {
                a.Id, a.Uuid, a.Name, a.Kind, a.IsArchived, a.CreatedAt,
                Published = db.AgentVersions.Where(v => v.AgentId == a.Id && v.Status == AgentVersionStatus.Published).Select(v => (int?)v.Number).FirstOrDefault(),
                Draft = db.AgentVersions.Where(v => v.AgentId == a.Id && v.Status == AgentVersionStatus.Draft).Select(v => (int?)v.Number).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return agents.Select(a => new AgentSummary(a.Id, a.Uuid, a.Name, AgentKindName.Of(a.Kind), a.IsArchived, a.Published, a.Draft, a.CreatedAt)).ToList();
    }
}
