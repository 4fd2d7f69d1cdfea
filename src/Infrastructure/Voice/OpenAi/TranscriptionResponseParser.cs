using System.Text.Json;
using CleanAgent.Application.Voice;

namespace CleanAgent.Infrastructure.Voice.OpenAi;

/// <summary>
/// Reads <c>{"text": "…"}</c> from a transcription server, whatever it actually sent: anything else (not JSON, not an
/// object, no text, text of another type, nesting bombs) is a protocol error, never an exception.
/// </summary>
internal static class TranscriptionResponseParser
{
    /// <summary>The most we read of a transcription answer; a 30 s utterance transcribes to well under 1 KB.</summary>
    public const int MaxResponseBytes = 256 * 1024;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16 };

    public static ProviderResult<string> Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body, Options);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return ProviderFailures.Protocol(VoiceStage.SpeechToText, "the transcription answer is not a JSON object");
            if (!document.RootElement.TryGetProperty("text", out var text))
                return ProviderFailures.Protocol(VoiceStage.SpeechToText, "the transcription answer has no text");
            if (text.ValueKind != JsonValueKind.String)
                return ProviderFailures.Protocol(VoiceStage.SpeechToText, $"the transcription answer's text is a JSON {text.ValueKind}, not a string");
            return text.GetString()!.Trim();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a text that is not valid UTF-8.
            return ProviderFailures.Protocol(VoiceStage.SpeechToText, "the transcription answer is not valid JSON");
        }
    }
}
