using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CleanAgent.CallSimulator.Cli;

/// <summary>Human-readable and JSON renderings of call results and load reports. Durations: milliseconds.</summary>
internal static class ReportPrinter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new MillisecondsConverter() },
    };

    public static string CallLine(int index, CallResult call)
    {
        var close = call.CloseCode is { } code ? $"close {code}{(string.IsNullOrEmpty(call.CloseReason) ? "" : $" ({call.CloseReason})")}" : "no close";
        var intervals = DurationSummary.Of(call.ReceivedFrameIntervals);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"#{index + 1} {call.CallSid}: {close}, connect {Ms(call.ConnectTime)}, first audio {(call.FirstAudioTime is { } first ? Ms(first) : "-")}, " +
            $"sent {call.FramesSent}, received {call.ReceivedFrameCount}, {(call.CountsLostFrames ? $"lost {call.FramesLost}" : "lost n/a (no echo expected)")}, marks {call.ReceivedMarks.Count}/{call.EchoedMarks.Count} echoed, " +
            $"clears {call.ClearsReceived}, interval p50 {Ms(intervals.P50)} p99 {Ms(intervals.P99)} max {Ms(intervals.Max)}");
        return call.Error is null ? line : $"{line}, ERROR {call.Error.GetType().Name}: {call.Error.GetBaseException().Message}";
    }

    public static void Print(LoadReport report, TextWriter output)
    {
        var closeCodes = report.CloseCodes.Count == 0 ? "none" : string.Join(", ", report.CloseCodes.Select(c => $"{c.Key}×{c.Value}"));
        if (report.CallsWithoutCloseCode > 0) closeCodes += $", no close×{report.CallsWithoutCloseCode}";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            calls                    {report.Calls} placed, {report.CallsCompleted} completed, {report.CallsFailed} failed, in {report.WallTime.TotalSeconds:0.0} s
            close codes              {closeCodes}
            connect-to-admitted      {Summary(report.ConnectTime)}
            first audio              {Summary(report.FirstAudioTime)}
            received-frame interval  {Summary(report.ReceivedFrameInterval)}
            echo delay               {(report.EchoDelay.Count == 0 ? "-" : $"{Summary(report.EchoDelay)}, largest drift in a call {Ms(report.LargestEchoDelayDrift)}")}
            frames                   sent {report.FramesSent}, received {report.FramesReceived}, lost {(report.Results.Any(r => r.CountsLostFrames) ? report.FramesLost.ToString(CultureInfo.InvariantCulture) : "n/a (no echo expected)")}
            marks / clears received  {report.MarksReceived} / {report.ClearsReceived}
            """));
        foreach (var (message, count) in report.Errors)
            output.WriteLine($"error ×{count}: {message}");
    }

    public static string ToJson(LoadReport report) => JsonSerializer.Serialize(report, Json);

    private static string Summary(DurationSummary summary) => summary.Count == 0
        ? "-"
        : $"p50 {Ms(summary.P50)}  p99 {Ms(summary.P99)}  max {Ms(summary.Max)}  (n={summary.Count})";

    private static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString("0.0 ms", CultureInfo.InvariantCulture);

    /// <summary>Durations as plain millisecond numbers: what a script comparing runs wants, not "00:00:00.0200000".</summary>
    private sealed class MillisecondsConverter : JsonConverter<TimeSpan>
    {
        public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TimeSpan.FromMilliseconds(reader.GetDouble());

        public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(Math.Round(value.TotalMilliseconds, 3));
    }
}
