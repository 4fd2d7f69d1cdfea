namespace CleanAgent.Domain.Runs;

/// <summary>Who spoke a transcript turn. Stored and shown lower-case (<c>caller</c>, <c>agent</c>).</summary>
public enum TurnSpeaker
{
    Caller = 0,
    Agent = 1,
}
