using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Domain.Runs;
using FluentValidation;
using Mediator;

namespace CleanAgent.Application.Runs;

/// <summary>Saves one agent turn's latency and its parts, at its place in the order of measurements.</summary>
/// <param name="TurnIndex">The agent turn's position in the transcript.</param>
public sealed record RecordTurnLatency(
    Guid RunId,
    int Sequence,
    int TurnIndex,
    TimeSpan Total,
    TimeSpan? SpeechToText,
    TimeSpan? LlmFirstToken,
    TimeSpan? TextToSpeechFirstByte,
    TimeSpan Server) : ICommand<Result>;

internal sealed class RecordTurnLatencyValidator : AbstractValidator<RecordTurnLatency>
{
    public RecordTurnLatencyValidator()
    {
        RuleFor(x => x.RunId).NotEmpty();
        RuleFor(x => x.Sequence).GreaterThanOrEqualTo(0);
        RuleFor(x => x.TurnIndex).GreaterThanOrEqualTo(0);
        RuleFor(x => x.Total).Must(Plausible).WithMessage(Message("total"));
        RuleFor(x => x.SpeechToText).Must(v => v is null || Plausible(v.Value)).WithMessage(Message("speech-to-text"));
        RuleFor(x => x.LlmFirstToken).Must(v => v is null || Plausible(v.Value)).WithMessage(Message("LLM first token"));
        RuleFor(x => x.TextToSpeechFirstByte).Must(v => v is null || Plausible(v.Value)).WithMessage(Message("text-to-speech first byte"));
        RuleFor(x => x.Server).Must(Plausible).WithMessage(Message("server"));
    }

    private static bool Plausible(TimeSpan value) => value >= TimeSpan.Zero && value <= RunTurnLatency.MaxLatency;

    private static string Message(string part) => $"A turn's {part} latency must be between 0 and {RunTurnLatency.MaxLatency.TotalHours:0} h.";
}

internal sealed class RecordTurnLatencyHandler(IAppDbContext db) : ICommandHandler<RecordTurnLatency, Result>
{
    public async ValueTask<Result> Handle(RecordTurnLatency command, CancellationToken cancellationToken)
    {
        var latency = RunTurnLatency.Record(command.RunId, command.Sequence, command.TurnIndex, command.Total, command.SpeechToText,
            command.LlmFirstToken, command.TextToSpeechFirstByte, command.Server);
        return await RunRecordInserts.InsertOnceAsync(db, db.RunTurnLatencies, command.RunId, latency, cancellationToken);
    }
}
