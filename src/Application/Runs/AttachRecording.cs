using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Domain.Runs;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Runs;

/// <summary>Links a run to its recording (one WAV, caller and agent mixed); also once the run has ended.</summary>
public sealed record AttachRecording(Guid RunId, string Path) : ICommand<Result>;

internal sealed class AttachRecordingValidator : AbstractValidator<AttachRecording>
{
    public AttachRecordingValidator()
    {
        RuleFor(x => x.RunId).NotEmpty();
        RuleFor(x => x.Path).NotEmpty().MaximumLength(WorkflowRun.MaxRecordingPathLength).Must(p => p is null || !p.Any(char.IsControl))
            .WithMessage($"A recording path is at most {WorkflowRun.MaxRecordingPathLength} printable characters.");
    }
}

internal sealed class AttachRecordingHandler(IAppDbContext db) : ICommandHandler<AttachRecording, Result>
{
    public async ValueTask<Result> Handle(AttachRecording command, CancellationToken cancellationToken)
    {
        var run = await db.WorkflowRuns.SingleOrDefaultAsync(r => r.Id == command.RunId, cancellationToken);
        if (run is null) return new Error(ErrorKind.NotFound, "Run not found.");

        run.AttachRecording(command.Path);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
