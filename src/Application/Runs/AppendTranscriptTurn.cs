using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Application.Runs.Journal;
using CleanAgent.Domain.Runs;
using FluentValidation;
using Mediator;

namespace CleanAgent.Application.Runs;

/// <summary>
/// Saves one transcript turn of a run at its place in the transcript. Text over
/// <see cref="RunTranscriptTurn.MaxTextLength"/> is cut and the turn marked truncated.
/// </summary>
/// <param name="TextWasCut">The text was already cut to its bound before it got here (the run journal bounds what it queues).</param>
public sealed record AppendTranscriptTurn(
    Guid RunId,
    int Sequence,
    Speaker Speaker,
    string Text,
    TimeSpan Start,
    TimeSpan End,
    bool Interrupted,
    string? NodeId,
    bool TextWasCut = false) : ICommand<Result>;

internal sealed class AppendTranscriptTurnValidator : AbstractValidator<AppendTranscriptTurn>
{
    public AppendTranscriptTurnValidator()
    {
        RuleFor(x => x.RunId).NotEmpty();
        RuleFor(x => x.Sequence).GreaterThanOrEqualTo(0);
        RuleFor(x => x.Speaker).IsInEnum();
        RuleFor(x => x.Text).NotNull();
        RuleFor(x => x.Start).GreaterThanOrEqualTo(TimeSpan.Zero).WithMessage("A turn cannot start before the call.");
    }
}

internal sealed class AppendTranscriptTurnHandler(IAppDbContext db) : ICommandHandler<AppendTranscriptTurn, Result>
{
    public async ValueTask<Result> Handle(AppendTranscriptTurn command, CancellationToken cancellationToken)
    {
        var speaker = command.Speaker == Speaker.Caller ? TurnSpeaker.Caller : TurnSpeaker.Agent;
        var turn = RunTranscriptTurn.Record(command.RunId, command.Sequence, speaker, command.Text, command.Start, command.End,
            command.Interrupted, command.NodeId, command.TextWasCut);
        return await RunRecordInserts.InsertOnceAsync(db, db.RunTranscriptTurns, command.RunId, turn, cancellationToken);
    }
}
