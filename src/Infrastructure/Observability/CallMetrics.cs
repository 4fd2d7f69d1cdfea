using System.Diagnostics.Metrics;

namespace CleanAgent.Infrastructure.Observability;

/// <summary>
/// The server's own measurements (meter <c>CleanAgent</c>), exported with the runtime's and ASP.NET Core's at
/// <c>/metrics</c> and over OTLP. Every label has a bounded set of values: close codes, end reasons, providers,
/// use-case names, organization ids — never a run name, a phone number or anything a caller chooses.
/// </summary>
public static class CallMetrics
{
    public const string MeterName = "CleanAgent";

    private static readonly Meter Meter = new(MeterName);

    private static readonly UpDownCounter<int> ActiveCalls =
        Meter.CreateUpDownCounter<int>("cleanagent.calls.active", "{call}", "Calls admitted and not yet ended, per organization");

    private static readonly Counter<long> Admissions =
        Meter.CreateCounter<long>("cleanagent.admissions", "{connection}", "Agent Stream connections by admission outcome: admitted, or the close code that refused them");

    private static readonly Counter<long> CallsEnded = Meter.CreateCounter<long>("cleanagent.calls.ended", "{call}", "Calls ended, by end reason");

    private static readonly Histogram<double> CallDuration = Meter.CreateHistogram<double>("cleanagent.call.duration", "s", "How long admitted calls lasted, by end reason",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600] });

    private static readonly Counter<long> MalformedFrames = Meter.CreateCounter<long>("cleanagent.media.malformed_frames", "{frame}", "Provider frames that were malformed and skipped");

    private static readonly Histogram<double> OutboundStalls = Meter.CreateHistogram<double>("cleanagent.media.outbound_stall", "s",
        "Times a call's outbound audio went out after the provider had played all it had (it played silence meanwhile), by how long: each makes the rest of that call's audio that much later",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.02, 0.04, 0.06, 0.1, 0.2, 0.5, 1, 2] });

    private static readonly Counter<long> Hangups = Meter.CreateCounter<long>("cleanagent.hangups", "{request}", "Hang-ups asked of a telephony provider, by provider and result");

    private static readonly Histogram<double> UseCaseDuration = Meter.CreateHistogram<double>("cleanagent.usecase.duration", "s", "Time of each use case on the database threads, by use case",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });

    public static void Admitted(Guid organizationId)
    {
        Admissions.Add(1, new KeyValuePair<string, object?>("outcome", "admitted"));
        ActiveCalls.Add(1, new KeyValuePair<string, object?>("organization", organizationId.ToString()));
    }

    public static void Refused(int closeCode) => Admissions.Add(1, new KeyValuePair<string, object?>("outcome", closeCode.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <param name="admitted">The call was admitted (counted active, and its duration is a call's): false for a run refused at admission.</param>
    public static void Ended(Guid organizationId, string endReason, double? durationSeconds, bool admitted)
    {
        var reason = new KeyValuePair<string, object?>("end_reason", endReason);
        CallsEnded.Add(1, reason);
        if (!admitted) return;
        ActiveCalls.Add(-1, new KeyValuePair<string, object?>("organization", organizationId.ToString()));
        if (durationSeconds is { } seconds) CallDuration.Record(seconds, reason);
    }

    public static void MalformedFrame() => MalformedFrames.Add(1);

    public static void OutboundStalled(TimeSpan silence) => OutboundStalls.Record(silence.TotalSeconds);

    public static void HangupAttempted(string provider, bool succeeded) =>
        Hangups.Add(1, new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("result", succeeded ? "ok" : "failed"));

    public static void UseCaseTook(string useCase, TimeSpan elapsed) =>
        UseCaseDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("use_case", useCase));
}
