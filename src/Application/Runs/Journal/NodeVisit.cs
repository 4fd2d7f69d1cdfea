namespace CleanAgent.Application.Runs.Journal;

/// <summary>The conversation entered a graph node.</summary>
/// <param name="At">From the start of the call.</param>
public sealed record NodeVisit(string NodeId, string NodeName, TimeSpan At);
