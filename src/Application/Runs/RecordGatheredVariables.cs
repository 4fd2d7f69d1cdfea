using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Domain.Runs;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Runs;

/// <summary>
/// Variables extracted from a run's conversation join its gathered context (a later value of a key replaces the
/// earlier one; values over <see cref="WorkflowRun.MaxGatheredValueLength"/> are cut). An ended run gathers nothing.
/// </summary>
public sealed record RecordGatheredVariables(Guid RunId, IReadOnlyDictionary<string, string> Variables) : ICommand<Result>;

internal sealed class RecordGatheredVariablesValidator : AbstractValidator<RecordGatheredVariables>
{
    public RecordGatheredVariablesValidator()
    {
        RuleFor(x => x.RunId).NotEmpty();
        RuleFor(x => x.Variables).NotNull();
        RuleFor(x => x.Variables.Count).LessThanOrEqualTo(WorkflowRun.MaxGatheredEntries)
            .WithMessage($"At most {WorkflowRun.MaxGatheredEntries} variables are gathered at once.").When(x => x.Variables is not null);
        RuleForEach(x => x.Variables).Must(v => !string.IsNullOrWhiteSpace(v.Key) && v.Key.Length <= WorkflowRun.MaxGatheredKeyLength && v.Value is not null)
            .WithMessage($"Each gathered variable needs a name of at most {WorkflowRun.MaxGatheredKeyLength} characters and a value.")
            .When(x => x.Variables is not null);
    }
}

internal sealed class RecordGatheredVariablesHandler(IAppDbContext db) : ICommandHandler<RecordGatheredVariables, Result>
{
    public async ValueTask<Result> Handle(RecordGatheredVariables command, CancellationToken cancellationToken)
    {
        var run = await db.WorkflowRuns.SingleOrDefaultAsync(r => r.Id == command.RunId, cancellationToken);
        if (run is null) return new Error(ErrorKind.NotFound, "Run not found.");
        if (run.IsEnded) return new Error(ErrorKind.Conflict, $"Run {run.Name} has ended; it gathers nothing more.");
        if (run.GatheredContext.Count + run.CountNewKeys(command.Variables.Keys) > WorkflowRun.MaxGatheredEntries)
            return new Error(ErrorKind.Validation, $"Run {run.Name} would gather more than {WorkflowRun.MaxGatheredEntries} variables.");
        if (command.Variables.Count == 0) return Result.Success();

        foreach (var (key, value) in command.Variables) run.Gather(key, value);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
