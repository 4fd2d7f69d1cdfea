namespace CleanAgent.Infrastructure.Agents.Voice;

internal enum CallerSpeechKind
{
    None,

    /// <summary>The detector heard speech begin.</summary>
    SpeechStarted,

    /// <summary>The caller has now spoken the minimum interruption length without a pause: over the agent, a barge-in.</summary>
    LongSpeech,

    /// <summary>The caller's turn is over (endpointing).</summary>
    TurnEnded,
}
