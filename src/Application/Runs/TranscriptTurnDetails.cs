namespace CleanAgent.Application.Runs;

/// <summary>One transcript turn of a run, as shown.</summary>
/// <param name="Speaker"><c>caller</c> or <c>agent</c>.</param>
/// <param name="StartMs">From the start of the call.</param>
/// <param name="Truncated">The text was longer than its bound and is cut there.</param>
public sealed record TranscriptTurnDetails(
    int Sequence,
    string Speaker,
    string Text,
    long StartMs,
    long EndMs,
    bool Interrupted,
    bool Truncated,
    string? NodeId);
