namespace CleanAgent.Application.Runs;

/// <summary>One agent turn's latency in milliseconds, as shown: the total and its parts (null where not measured).</summary>
public sealed record TurnLatencyDetails(
    int Sequence,
    int TurnIndex,
    int TotalMs,
    int? SpeechToTextMs,
    int? LlmFirstTokenMs,
    int? TextToSpeechFirstByteMs,
    int ServerMs);
