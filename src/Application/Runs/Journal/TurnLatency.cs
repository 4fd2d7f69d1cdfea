namespace CleanAgent.Application.Runs.Journal;

/// <summary>
/// One agent turn's latency: from the end of the caller's turn to the first agent audio frame sent, and its parts.
/// The stages are measured where they happen; <see cref="Server"/> is the rest — CleanAgent's own share.
/// </summary>
/// <param name="TurnIndex">The agent turn's position in the transcript.</param>
/// <param name="SpeechToText">End of the caller's turn → final transcript (null when the transcript was already final).</param>
/// <param name="LlmFirstToken">Request sent → first token.</param>
/// <param name="TextToSpeechFirstByte">First sentence sent → first audio byte.</param>
public sealed record TurnLatency(
    int TurnIndex,
    TimeSpan Total,
    TimeSpan? SpeechToText,
    TimeSpan? LlmFirstToken,
    TimeSpan? TextToSpeechFirstByte,
    TimeSpan Server);
