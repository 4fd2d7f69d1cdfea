namespace CleanAgent.CallSimulator;

/// <summary>Exact percentiles of a set of durations (nearest-rank: the smallest value with at least p % of values at or below it).</summary>
/// <param name="Count">How many values were summarised; all figures are zero when there were none.</param>
/// <param name="P50">Median.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="Max">Largest value.</param>
public sealed record DurationSummary(int Count, TimeSpan P50, TimeSpan P99, TimeSpan Max)
{
    /// <summary>No values.</summary>
    public static DurationSummary Empty { get; } = new(0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>Sorts a copy of <paramref name="values"/> and reads the percentiles off it: no sampling, no histogram buckets.</summary>
    public static DurationSummary Of(IEnumerable<TimeSpan> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Select(v => v.Ticks).ToArray();
        if (sorted.Length == 0) return Empty;
        Array.Sort(sorted);
        return new DurationSummary(sorted.Length, At(50), At(99), TimeSpan.FromTicks(sorted[^1]));

        TimeSpan At(int percent) =>
            TimeSpan.FromTicks(sorted[Math.Max(0, (int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1)]);
    }
}
