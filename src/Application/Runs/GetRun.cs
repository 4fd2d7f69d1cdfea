using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Domain.Runs;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Runs;

/// <summary>
/// One run, whole, by its id or its name (<c>WR-AGS-…</c>). With <see cref="OrganizationId"/> (the REST API's scope),
/// a run of another organization is reported exactly like a missing one; without it (the operators' CLI) any run is
/// found. Five indexed reads: the run with its agent and version, then each kind of record by run id, in order.
/// </summary>
/// <param name="Run">The run's id or name.</param>
public sealed record GetRun(string Run, Guid? OrganizationId = null) : IQuery<Result<RunDetails>>;

internal sealed class GetRunValidator : AbstractValidator<GetRun>
{
    public GetRunValidator()
    {
        RuleFor(x => x.Run).NotEmpty().MaximumLength(64);
        RuleFor(x => x.OrganizationId).NotEqual(Guid.Empty);
    }
}

internal sealed class GetRunHandler(IAppDbContext db) : IQueryHandler<GetRun, Result<RunDetails>>
{
    public async ValueTask<Result<RunDetails>> Handle(GetRun query, CancellationToken cancellationToken)
    {
        var notFound = new Error(ErrorKind.NotFound, $"Run {query.Run.Trim()} does not exist.");
        var key = query.Run.Trim();
        IQueryable<WorkflowRun> runs = db.WorkflowRuns.AsNoTracking();
        if (Guid.TryParse(key, out var id)) runs = runs.Where(r => r.Id == id);
        else if (WorkflowRun.IsValidName(key)) runs = runs.Where(r => r.Name == key);
        else return notFound;
        if (query.OrganizationId is { } organizationId) runs = runs.Where(r => r.OrganizationId == organizationId);

        var found = await (
                from run in runs
                join agent in db.Agents on run.AgentId equals agent.Id
                join version in db.AgentVersions on run.AgentVersionId equals version.Id
                select new { Run = run, agent.Uuid, version.Number })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null) return notFound;

        var runId = found.Run.Id;
        var transcript = await db.RunTranscriptTurns.AsNoTracking().Where(t => t.RunId == runId).OrderBy(t => t.Sequence).ToListAsync(cancellationToken);
        var visits = await db.RunNodeVisits.AsNoTracking().Where(v => v.RunId == runId).OrderBy(v => v.Sequence).ToListAsync(cancellationToken);
        var usage = await db.RunProviderUsages.AsNoTracking().Where(u => u.RunId == runId)
            .OrderBy(u => u.Stage).ThenBy(u => u.Provider).ThenBy(u => u.Model).ToListAsync(cancellationToken);
        var latency = await db.RunTurnLatencies.AsNoTracking().Where(l => l.RunId == runId).OrderBy(l => l.Sequence).ToListAsync(cancellationToken);

        return RunDetailsMapper.ToDetails(found.Run, found.Uuid, found.Number, transcript, visits, usage, latency);
    }
}
