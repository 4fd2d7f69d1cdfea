namespace CleanAgent.Infrastructure.Runs.Journal;

/// <summary>
/// What one call's journal may hold while its records wait to be saved, and how long its end waits for them.
/// A normal call queues a record or two at a time; a full queue means a flood (a runaway agent) or a stalled
/// database, and then records are dropped, counted and logged rather than held without bound.
/// </summary>
/// <param name="MaxRecords">Records waiting at most.</param>
/// <param name="MaxCharacters">Characters of text (transcript, names, variables) waiting at most: about twice as many bytes.</param>
/// <param name="DrainTimeout">On dispose, how long what is still queued may take to save before the loop is stopped.</param>
internal sealed record RunJournalLimits(int MaxRecords, long MaxCharacters, TimeSpan DrainTimeout)
{
    /// <summary>256 records or 256 Ki characters (≈ 0.5 MB) per call; 5 s to drain.</summary>
    public static RunJournalLimits Default { get; } = new(256, 256 * 1024, TimeSpan.FromSeconds(5));
}
