using System.Text.Json;
using CleanAgent.Application.Common;
using CleanAgent.Application.Telephony;

namespace CleanAgent.Infrastructure.Telephony.MediaStreamsFraming;

/// <summary>
/// Reads the two messages that open a media stream in Twilio's Media Streams framing (which Cloudonix reuses):
/// <c>connected</c>, then <c>start</c>. Only what is used is required (<c>event</c>, the stream id, <c>start.callSid</c>);
/// <c>protocol</c>/<c>version</c> and unknown fields are not validated. Text that is valid JSON but not valid
/// Unicode (a lone surrogate escape such as <c>\ud800</c>) is malformed, like any other bad JSON.
/// </summary>
public static class MediaStreamsHandshake
{
    public const string ConnectedEvent = "connected";
    public const string StartEvent = "start";
    public const string StopEvent = "stop";

    /// <summary>The <c>event</c> of a message, or null for anything that is not a JSON object with a string event.</summary>
    public static string? ReadEventName(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isEvent = reader.ValueTextEquals("event"u8);
                if (!reader.Read()) return null;
                if (isEvent) return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }

            return null;
        }
        catch (Exception ex) when (IsBadText(ex))
        {
            return null;
        }
    }

    public static Result ParseConnected(ReadOnlySpan<byte> json) => (IsWellFormed(json) ? ReadEventName(json) : null) switch
    {
        ConnectedEvent => Result.Success(),
        null => new Error(ErrorKind.ProviderHandshake, "Malformed handshake: expected a 'connected' message."),
        var other => new Error(ErrorKind.ProviderHandshake, $"Handshake out of order: expected 'connected', got '{Truncate(other)}'."),
    };

    public static Result<StreamStart> ParseStart(ReadOnlySpan<byte> json)
    {
        var name = ReadEventName(json);
        if (name is null) return new Error(ErrorKind.ProviderHandshake, "Malformed handshake: expected a 'start' message.");
        if (name != StartEvent) return new Error(ErrorKind.ProviderHandshake, $"Handshake out of order: expected 'start', got '{Truncate(name)}'.");

        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            if (!document.RootElement.TryGetProperty("start", out var start) || start.ValueKind != JsonValueKind.Object)
                return new Error(ErrorKind.ProviderHandshake, "Malformed 'start': no 'start' object.");

            // media-streams.md: require only what is used. Some senders (pipecat's Cloudonix fixture) put the stream
            // id only at the top level.
            var streamSid = ReadString(start, "streamSid");
            if (string.IsNullOrWhiteSpace(streamSid)) streamSid = ReadString(document.RootElement, "streamSid");
            var callSid = ReadString(start, "callSid");
            if (string.IsNullOrWhiteSpace(streamSid) || string.IsNullOrWhiteSpace(callSid))
                return new Error(ErrorKind.ProviderHandshake, "Malformed 'start': 'streamSid' and 'callSid' are required.");

            return new StreamStart(streamSid, callSid, ReadCustomParameters(start), ReadString(start, "accountSid"));
        }
        catch (Exception ex) when (IsBadText(ex))
        {
            return new Error(ErrorKind.ProviderHandshake, "Malformed 'start': not valid JSON text.");
        }
    }

    /// <summary>
    /// Bad JSON (<see cref="JsonException"/>), or a string that cannot be turned into .NET text: the reader throws
    /// <see cref="InvalidOperationException"/> for an escaped lone surrogate, which is the sender's fault, not ours.
    /// </summary>
    private static bool IsBadText(Exception ex) => ex is JsonException or InvalidOperationException;

    /// <summary>The whole message is valid JSON (the event reader stops early, at the event).</summary>
    private static bool IsWellFormed(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            while (reader.Read()) { }
            return reader.BytesConsumed == json.Length;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static Dictionary<string, string> ReadCustomParameters(JsonElement start)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!start.TryGetProperty("customParameters", out var custom) || custom.ValueKind != JsonValueKind.Object) return parameters;

        foreach (var property in custom.EnumerateObject())
        {
            parameters[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString() ?? string.Empty,
                JsonValueKind.Null => string.Empty,
                _ => property.Value.GetRawText(),
            };
        }

        return parameters;
    }

    private static string? ReadString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Truncate(string value) => value.Length <= 32 ? value : value[..32];
}
