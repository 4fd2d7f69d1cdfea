using System.Text.Json;

namespace CleanAgent.Infrastructure.Voice.Deepgram;

/// <summary>
/// Reads Deepgram's live messages (<c>Results</c>, <c>SpeechStarted</c>, <c>UtteranceEnd</c>, <c>Metadata</c>)
/// defensively: a message that is not JSON, lacks what its type needs, or carries wrong types is refused with
/// <c>false</c>, never with an exception, so one bad message is skipped and never ends the call.
/// </summary>
internal static class DeepgramMessageParser
{
    /// <summary>The largest message read; a Results message with word timings for a long utterance is a few KB.</summary>
    public const int MaxMessageBytes = 64 * 1024;

    /// <summary>A transcript longer than this is not one piece of a phone call.</summary>
    public const int MaxTranscriptCharacters = 8 * 1024;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16 };

    public static bool TryParse(ReadOnlyMemory<byte> utf8, out DeepgramMessage message)
    {
        message = default;
        if (utf8.Length > MaxMessageBytes) return false;
        try
        {
            using var document = JsonDocument.Parse(utf8, Options);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return false;
            if (!root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String) return false;

            switch (type.GetString())
            {
                case "Results":
                    return TryReadResults(root, out message);
                case "SpeechStarted":
                    message = new DeepgramMessage(DeepgramMessageKind.SpeechStarted, At: Seconds(root, "timestamp"));
                    return true;
                case "UtteranceEnd":
                    message = new DeepgramMessage(DeepgramMessageKind.UtteranceEnd, At: Seconds(root, "last_word_end"));
                    return true;
                case "Metadata":
                    message = new DeepgramMessage(DeepgramMessageKind.Metadata);
                    return true;
                default:
                    message = new DeepgramMessage(DeepgramMessageKind.Other);
                    return true;
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string that is not valid UTF-8 (found by the fuzz test).
            return false;
        }
    }

    private static bool TryReadResults(JsonElement root, out DeepgramMessage message)
    {
        message = default;
        if (!root.TryGetProperty("channel", out var channel) || channel.ValueKind != JsonValueKind.Object) return false;
        if (!channel.TryGetProperty("alternatives", out var alternatives) || alternatives.ValueKind != JsonValueKind.Array) return false;

        var transcript = string.Empty;
        if (alternatives.GetArrayLength() > 0)
        {
            var first = alternatives[0];
            if (first.ValueKind != JsonValueKind.Object) return false;
            if (!first.TryGetProperty("transcript", out var text) || text.ValueKind != JsonValueKind.String) return false;
            transcript = text.GetString()!.Trim();
            if (transcript.Length > MaxTranscriptCharacters) return false;
        }

        var start = Seconds(root, "start");
        var duration = Seconds(root, "duration");
        message = new DeepgramMessage(
            DeepgramMessageKind.Results,
            transcript,
            IsFinal: Flag(root, "is_final"),
            SpeechFinal: Flag(root, "speech_final"),
            FromFinalize: Flag(root, "from_finalize"),
            At: start + duration);
        return true;
    }

    private static bool Flag(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    /// <summary>A time in seconds, or 0 when absent, not a number, negative or absurd (over a day).</summary>
    private static double Seconds(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds)
            && double.IsFinite(seconds) && seconds is >= 0 and <= 86_400
            ? seconds
            : 0;
}
