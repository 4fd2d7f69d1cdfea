namespace CleanAgent.Application.Runs.Journal;

/// <summary>One turn of the conversation as the other side heard it.</summary>
/// <param name="Start">From the start of the call (the stream's start).</param>
/// <param name="End">From the start of the call; for an interrupted agent turn, where the caller cut in.</param>
/// <param name="Interrupted">An agent turn the caller talked over: <paramref name="Text"/> is only what was heard.</param>
/// <param name="NodeId">The graph node the turn belongs to.</param>
public sealed record TranscriptTurn(Speaker Speaker, string Text, TimeSpan Start, TimeSpan End, bool Interrupted, string? NodeId);
