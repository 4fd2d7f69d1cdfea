namespace CleanAgent.Application.Runs;

/// <summary>A graph node a run's conversation entered, as shown.</summary>
/// <param name="AtMs">From the start of the call.</param>
public sealed record NodeVisitDetails(int Sequence, string NodeId, string NodeName, long AtMs);
