namespace CleanAgent.Application.Runs.Journal;

/// <summary>Who spoke a transcript turn; stored and shown lower-case (<c>caller</c>, <c>agent</c>).</summary>
public enum Speaker
{
    Caller,
    Agent,
}
