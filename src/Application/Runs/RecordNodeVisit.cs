using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Domain.Runs;
using FluentValidation;
using Mediator;

namespace CleanAgent.Application.Runs;

/// <summary>Saves that a run's conversation entered a graph node, at its place in the order of visits.</summary>
/// <param name="At">From the start of the call.</param>
public sealed record RecordNodeVisit(Guid RunId, int Sequence, string NodeId, string NodeName, TimeSpan At) : ICommand<Result>;

internal sealed class RecordNodeVisitValidator : AbstractValidator<RecordNodeVisit>
{
    public RecordNodeVisitValidator()
    {
        RuleFor(x => x.RunId).NotEmpty();
        RuleFor(x => x.Sequence).GreaterThanOrEqualTo(0);
        RuleFor(x => x.NodeId).NotEmpty();
        RuleFor(x => x.NodeName).NotNull();
        RuleFor(x => x.At).GreaterThanOrEqualTo(TimeSpan.Zero).WithMessage("A node cannot be entered before the call.");
    }
}

internal sealed class RecordNodeVisitHandler(IAppDbContext db) : ICommandHandler<RecordNodeVisit, Result>
{
    public async ValueTask<Result> Handle(RecordNodeVisit command, CancellationToken cancellationToken)
    {
        var visit = RunNodeVisit.Record(command.RunId, command.Sequence, command.NodeId, command.NodeName, command.At);
        return await RunRecordInserts.InsertOnceAsync(db, db.RunNodeVisits, command.RunId, visit, cancellationToken);
    }
}
