namespace CleanAgent.Infrastructure.Agents.Voice;

/// <summary>Why the agent takes a turn.</summary>
internal enum VoiceTurnKind
{
    /// <summary>The call opens: the greeting, or the LLM speaking first.</summary>
    Opening,

    /// <summary>The caller finished speaking.</summary>
    CallerUtterance,

    /// <summary>The caller pressed a key.</summary>
    Dtmf,

    /// <summary>The line has been silent for the idle timeout.</summary>
    Idle,

    /// <summary>The call is about to reach its longest allowed duration: a short goodbye, then the end (<c>max_duration</c>).</summary>
    MaxDuration,
}

/// <summary>One turn to take, with what it needs.</summary>
/// <param name="Speech">The caller's turn (<see cref="VoiceTurnKind.CallerUtterance"/>).</param>
/// <param name="EndedAt">When the caller's turn was decided over, from the start of the call: latency counts from here.</param>
internal sealed record VoiceTurnRequest(VoiceTurnKind Kind, CallerSpeech Speech = default, TimeSpan EndedAt = default, char Digit = default, IdleStage Idle = default);
