namespace CleanAgent.Domain.Agents;

public enum AgentVersionStatus
{
    Draft = 0,
    Published = 1,

    /// <summary>Was published, then replaced by a newer publication; runs that pinned it still point at it.</summary>
    Retired = 2,
}
