namespace CleanAgent.Domain.Runs;

/// <summary>Which way the call was placed. Stored and shown lower-case (<c>inbound</c>, <c>outbound</c>).</summary>
public enum CallType
{
    Inbound = 0,
    Outbound = 1,
}
