namespace CleanAgent.Infrastructure.Agents.Voice;

/// <summary>
/// The stages of one agent turn's latency as they are measured (offsets from the start of the call): the end of the
/// caller's turn, the transcript, the LLM's first token, the first audio byte of text-to-speech and the first agent
/// audio queued. Filled by whoever reaches each stage first; read once the first audio is out.
/// </summary>
internal sealed class TurnTiming(TimeSpan callerTurnEnded)
{
    public TimeSpan CallerTurnEnded { get; } = callerTurnEnded;

    public TimeSpan? SpeechToText { get; set; }

    public TimeSpan? LlmFirstToken { get; set; }

    public TimeSpan? TextToSpeechFirstByte { get; set; }

    /// <summary>When the first agent audio of the turn was queued; null until then.</summary>
    public TimeSpan? FirstAudioAt { get; set; }
}
