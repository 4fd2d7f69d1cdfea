using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Runs;

/// <summary>
/// Removes what is older than the retention periods, counted from a run's end: recordings (the file and the link),
/// transcripts (the turns; the run stays), whole runs (with all they kept). In batches of <see cref="BatchSize"/>, at
/// most <see cref="MaxBatches"/> per kind and pass, so a pass never holds the database long; every delete is by id,
/// so several nodes sweeping one database at once only repeat each other's work. A period left null keeps that kind
/// of data forever.
/// </summary>
public sealed record ApplyRetention(DateTime? RunsEndedBefore, DateTime? TranscriptsEndedBefore, DateTime? RecordingsEndedBefore, int BatchSize = 500, int MaxBatches = 20)
    : ICommand<Result<RetentionApplied>>;

internal sealed class ApplyRetentionValidator : AbstractValidator<ApplyRetention>
{
    public ApplyRetentionValidator()
    {
        RuleFor(x => x.BatchSize).InclusiveBetween(1, 10_000);
        RuleFor(x => x.MaxBatches).InclusiveBetween(1, 1_000);
    }
}

internal sealed class ApplyRetentionHandler(IAppDbContext db, IRecordingFiles files) : ICommandHandler<ApplyRetention, Result<RetentionApplied>>
{
    public async ValueTask<Result<RetentionApplied>> Handle(ApplyRetention command, CancellationToken cancellationToken)
    {
        var more = false;
        var recordings = 0;
        var turns = 0;
        var runs = 0;

        if (command.RecordingsEndedBefore is { } recordingCutoff)
            (recordings, more) = await InBatches(command, async () =>
            {
                var due = await db.WorkflowRuns.AsNoTracking()
                    .Where(r => r.EndedAt < recordingCutoff && r.RecordingPath != null)
                    .Select(r => new { r.Id, r.RecordingPath })
                    .Take(command.BatchSize)
                    .ToListAsync(cancellationToken);
                foreach (var run in due) files.Delete(run.RecordingPath!);
                var ids = due.Select(r => r.Id).ToList();
                await db.WorkflowRuns.Where(r => ids.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.RecordingPath, (string?)null), cancellationToken);
                return due.Count;
            });

        var turnsDeleted = 0;
        if (command.TranscriptsEndedBefore is { } transcriptCutoff)
        {
            var (_, left) = await InBatches(command, async () =>
            {
                // A batch of runs whose turns are due; their turns go together (a run's transcript is never left half).
                var runIds = await db.WorkflowRuns.AsNoTracking()
                    .Where(r => r.EndedAt < transcriptCutoff && db.RunTranscriptTurns.Any(t => t.RunId == r.Id))
                    .Select(r => r.Id)
                    .Take(command.BatchSize)
                    .ToListAsync(cancellationToken);
                var deleted = await db.RunTranscriptTurns.Where(t => runIds.Contains(t.RunId)).ExecuteDeleteAsync(cancellationToken);
                turnsDeleted += deleted;
                return runIds.Count;
            });
            (turns, more) = (turnsDeleted, more || left);
        }

        if (command.RunsEndedBefore is { } runCutoff)
        {
            var (runsRemoved, runsLeft) = await InBatches(command, async () =>
            {
                var due = await db.WorkflowRuns.AsNoTracking()
                    .Where(r => r.EndedAt < runCutoff)
                    .Select(r => new { r.Id, r.RecordingPath })
                    .Take(command.BatchSize)
                    .ToListAsync(cancellationToken);
                foreach (var run in due.Where(r => r.RecordingPath is not null)) files.Delete(run.RecordingPath!);
                var ids = due.Select(r => r.Id).ToList();
                // What a run kept goes with it: its records are deleted by the database's cascades.
                await db.WorkflowRuns.Where(r => ids.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
                return due.Count;
            });
            (runs, more) = (runsRemoved, more || runsLeft);
        }

        return new RetentionApplied(runs, turns, recordings, more);
    }

    /// <summary>Batches until one comes back short, or the pass's limit; true when that limit left work for the next pass.</summary>
    private static async Task<(int Removed, bool MoreToDo)> InBatches(ApplyRetention command, Func<Task<int>> batch)
    {
        var removed = 0;
        for (var i = 0; i < command.MaxBatches; i++)
        {
            var count = await batch();
            removed += count;
            if (count < command.BatchSize) return (removed, false);
        }

        return (removed, true);
    }
}
