using System.Text.Json.Serialization;

namespace CleanAgent.CallSimulator;

/// <summary>The aggregate figures of a load run (<see cref="CallLoad"/>).</summary>
public sealed record LoadReport
{
    /// <summary>Calls placed.</summary>
    public int Calls { get; init; }

    /// <summary>Calls that ran to their end without a caller-side error (whatever close code the server chose).</summary>
    public int CallsCompleted { get; init; }

    /// <summary>Calls with a caller-side error (see <see cref="Errors"/>).</summary>
    public int CallsFailed { get; init; }

    /// <summary>How many calls the server closed with each close code.</summary>
    public IReadOnlyDictionary<int, int> CloseCodes { get; init; } = new Dictionary<int, int>();

    /// <summary>Calls the server never closed (connect failure, dropped socket, no close after <c>stop</c>).</summary>
    public int CallsWithoutCloseCode { get; init; }

    /// <summary>Connect-to-admitted over the calls that connected (see <see cref="CallResult.ConnectTime"/>).</summary>
    public DurationSummary ConnectTime { get; init; } = DurationSummary.Empty;

    /// <summary><c>start</c> to first received audio, over the calls that received any.</summary>
    public DurationSummary FirstAudioTime { get; init; } = DurationSummary.Empty;

    /// <summary>Gaps between consecutive received frames, over all frames of all calls: the server's pacing as heard.</summary>
    public DurationSummary ReceivedFrameInterval { get; init; } = DurationSummary.Empty;

    /// <summary>Echo delay over every echoed frame of every call (see <see cref="CallResult.EchoDelays"/>).</summary>
    public DurationSummary EchoDelay { get; init; } = DurationSummary.Empty;

    /// <summary>The largest <see cref="CallResult.EchoDelayDrift"/> of any call, either way (later or earlier).</summary>
    public TimeSpan LargestEchoDelayDrift { get; init; }

    /// <summary>Total <c>media</c> frames sent.</summary>
    public long FramesSent { get; init; }

    /// <summary>Total <c>media</c> frames received.</summary>
    public long FramesReceived { get; init; }

    /// <summary>Sum of <see cref="CallResult.FramesLost"/> (meaningful against an echo agent).</summary>
    public long FramesLost { get; init; }

    /// <summary>Total marks received.</summary>
    public long MarksReceived { get; init; }

    /// <summary>Total <c>clear</c> messages received.</summary>
    public long ClearsReceived { get; init; }

    /// <summary>Caller-side errors: message → number of calls that failed with it.</summary>
    public IReadOnlyDictionary<string, int> Errors { get; init; } = new Dictionary<string, int>();

    /// <summary>From the first connect to the end of the last call.</summary>
    public TimeSpan WallTime { get; init; }

    /// <summary>Every call's own result, in start order (not part of the JSON report).</summary>
    [JsonIgnore]
    public IReadOnlyList<CallResult> Results { get; init; } = [];

    /// <summary>Aggregates <paramref name="results"/>; percentiles are exact over all collected values.</summary>
    public static LoadReport From(IReadOnlyList<CallResult> results, TimeSpan wallTime)
    {
        ArgumentNullException.ThrowIfNull(results);
        return new LoadReport
        {
            Calls = results.Count,
            CallsCompleted = results.Count(r => r.Error is null),
            CallsFailed = results.Count(r => r.Error is not null),
            CloseCodes = results.Where(r => r.CloseCode is not null).GroupBy(r => r.CloseCode!.Value)
                .OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
            CallsWithoutCloseCode = results.Count(r => r.CloseCode is null),
            ConnectTime = DurationSummary.Of(results.Where(r => r.Connected).Select(r => r.ConnectTime)),
            FirstAudioTime = DurationSummary.Of(results.Where(r => r.FirstAudioTime is not null).Select(r => r.FirstAudioTime!.Value)),
            ReceivedFrameInterval = DurationSummary.Of(results.SelectMany(r => r.ReceivedFrameIntervals)),
            EchoDelay = DurationSummary.Of(results.SelectMany(r => r.EchoDelays)),
            LargestEchoDelayDrift = results.Select(r => r.EchoDelayDrift.Duration()).DefaultIfEmpty().Max(),
            FramesSent = results.Sum(r => (long)r.FramesSent),
            FramesReceived = results.Sum(r => (long)r.ReceivedFrameCount),
            FramesLost = results.Sum(r => (long)r.FramesLost),
            MarksReceived = results.Sum(r => (long)r.ReceivedMarks.Count),
            ClearsReceived = results.Sum(r => (long)r.ClearsReceived),
            Errors = results.Where(r => r.Error is not null).GroupBy(r => Describe(r.Error!))
                .ToDictionary(g => g.Key, g => g.Count()),
            WallTime = wallTime,
            Results = results,
        };
    }

    private static string Describe(Exception error) => $"{error.GetType().Name}: {error.GetBaseException().Message}";
}
