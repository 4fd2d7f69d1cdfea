using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Runs;

/// <summary>The runs of one agent, newest first.</summary>
public sealed record ListRuns(Guid AgentUuid, int Limit = 1000) : IQuery<Result<IReadOnlyList<RunSummary>>>;

internal sealed class ListRunsValidator : AbstractValidator<ListRuns>
{
    public ListRunsValidator()
    {
        RuleFor(x => x.AgentUuid).NotEmpty();
        RuleFor(x => x.Limit).InclusiveBetween(1, 10_000);
    }
}

internal sealed class ListRunsHandler(IAppDbContext db) : IQueryHandler<ListRuns, Result<IReadOnlyList<RunSummary>>>
{
    public async ValueTask<Result<IReadOnlyList<RunSummary>>> Handle(ListRuns query, CancellationToken cancellationToken)
    {
        var agentId = await db.Agents.AsNoTracking()
            .Where(a => a.Uuid == query.AgentUuid)
            .Select(a => (Guid?)a.Id)
            .SingleOrDefaultAsync(cancellationToken);
        if (agentId is null) return new Error(ErrorKind.NotFound, $"Agent {query.AgentUuid} does not exist.");

        var runs = await db.WorkflowRuns.AsNoTracking()
            .Where(r => r.AgentId == agentId)
            .OrderByDescending(r => r.CreatedAt)
            .Take(query.Limit)
            .ToListAsync(cancellationToken);
        return runs.Select(RunSummaryMapper.ToSummary).ToList();
    }
}
