namespace CleanAgent.Application.Runs;

/// <summary>What one pass of retention removed.</summary>
/// <param name="MoreToDo">A limit was reached before everything due was removed: the next pass goes on.</param>
public sealed record RetentionApplied(int Runs, int TranscriptTurns, int Recordings, bool MoreToDo);
