using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Runs;

/// <summary>
/// The provider's <c>start</c> arrived: its custom parameters join the run's initial context, without overriding
/// the keys the run was created with. Returns the context the call's agent starts from.
/// </summary>
public sealed record RecordStreamStarted(Guid RunId, IReadOnlyDictionary<string, string> CustomParameters)
    : ICommand<Result<IReadOnlyDictionary<string, string>>>;

internal sealed class RecordStreamStartedValidator : AbstractValidator<RecordStreamStarted>
{
    public RecordStreamStartedValidator()
    {
        RuleFor(x => x.RunId).NotEmpty();
        RuleFor(x => x.CustomParameters.Count).LessThanOrEqualTo(100).WithMessage("At most 100 custom parameters.");
        RuleForEach(x => x.CustomParameters).Must(p => p.Key.Length <= 200 && p.Value.Length <= 4000)
            .WithMessage("Custom parameter keys are at most 200 characters and values at most 4000.");
    }
}

internal sealed class RecordStreamStartedHandler(IAppDbContext db)
    : ICommandHandler<RecordStreamStarted, Result<IReadOnlyDictionary<string, string>>>
{
    public async ValueTask<Result<IReadOnlyDictionary<string, string>>> Handle(RecordStreamStarted command, CancellationToken cancellationToken)
    {
        var run = await db.WorkflowRuns.SingleOrDefaultAsync(r => r.Id == command.RunId, cancellationToken);
        if (run is null) return new Error(ErrorKind.NotFound, "Run not found.");
        if (command.CustomParameters.Count == 0) return Result<IReadOnlyDictionary<string, string>>.Success(run.InitialContext);

        run.MergeInitialContext(command.CustomParameters);
        await db.SaveChangesAsync(cancellationToken);
        return Result<IReadOnlyDictionary<string, string>>.Success(run.InitialContext);
    }
}
