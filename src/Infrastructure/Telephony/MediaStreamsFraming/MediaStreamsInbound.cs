using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using CleanAgent.Application.Calls;
using CleanAgent.Application.Telephony;

namespace CleanAgent.Infrastructure.Telephony.MediaStreamsFraming;

/// <summary>
/// Reads one provider → CleanAgent message after the handshake, on the media hot path (50 per second per call):
/// a single pass of <see cref="Utf8JsonReader"/>, the media payload base64-decoded straight into the caller's
/// buffer, nothing allocated for media. Tolerant as a production bridge must be: sequence numbers, chunks and
/// timestamps may be strings or numbers (they are not used), unknown fields and events are ignored, and only
/// what is used is required (<c>event</c>, <c>media.payload</c>, <c>dtmf.digit</c>, <c>mark.name</c>). A message
/// that names another stream than the call's (<see cref="InboundMessage.IsOtherStream"/>) is not this call's to obey; one that
/// names none is taken as the call's own, as senders that leave the field out expect.
/// </summary>
public static class MediaStreamsInbound
{
    /// <summary>The largest media payload accepted: one second of 8 kHz μ-law.</summary>
    public const int MaxPayloadBytes = TelephonyAudio.SampleRate;

    /// <summary>Parses <paramref name="json"/>; a media payload is decoded into <paramref name="payload"/>.</summary>
    /// <param name="streamSid">The call's stream id as UTF-8; empty to accept any.</param>
    public static InboundMessage Parse(ReadOnlySpan<byte> json, Span<byte> payload, ReadOnlySpan<byte> streamSid = default)
    {
        try
        {
            return ParseCore(json, payload, streamSid);
        }
        catch (JsonException)
        {
            return new InboundMessage(InboundEvent.Malformed);
        }
        catch (InvalidOperationException)
        {
            return new InboundMessage(InboundEvent.Malformed);
        }
    }

    private static InboundMessage ParseCore(ReadOnlySpan<byte> json, Span<byte> payload, ReadOnlySpan<byte> streamSid)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return new(InboundEvent.Malformed);

        var kind = InboundEvent.Other;
        var payloadLength = -1;
        var payloadValid = true;
        var callerTrack = true;
        var digit = default(char);
        string? markName = null;
        var otherStream = false;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("event"u8))
            {
                reader.Read();
                kind = reader.TokenType == JsonTokenType.String ? EventOf(ref reader) : InboundEvent.Malformed;
            }
            else if (reader.ValueTextEquals("streamSid"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String) otherStream = !streamSid.IsEmpty && !reader.ValueTextEquals(streamSid);
                else reader.Skip();
            }
            else if (reader.ValueTextEquals("media"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject) { reader.Skip(); continue; }
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("payload"u8))
                    {
                        reader.Read();
                        payloadValid = reader.TokenType == JsonTokenType.String && TryDecodePayload(ref reader, payload, out payloadLength);
                    }
                    else if (reader.ValueTextEquals("track"u8))
                    {
                        reader.Read();
                        callerTrack = reader.TokenType != JsonTokenType.String || NamesCallerTrack(ref reader);
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
            }
            else if (reader.ValueTextEquals("dtmf"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject) { reader.Skip(); continue; }
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isDigit = reader.ValueTextEquals("digit"u8);
                    reader.Read();
                    if (isDigit && reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: 1 } d) digit = d[0];
                    else if (isDigit && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var n) && n is >= 0 and <= 9) digit = (char)('0' + n);
                    else reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("mark"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject) { reader.Skip(); continue; }
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isName = reader.ValueTextEquals("name"u8);
                    reader.Read();
                    if (isName && reader.TokenType == JsonTokenType.String) markName = reader.GetString();
                    else reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        // Reaching here without the closing brace means the JSON was cut short.
        if (reader.TokenType != JsonTokenType.EndObject || reader.CurrentDepth != 0) return new(InboundEvent.Malformed);

        if (otherStream && kind != InboundEvent.Malformed) return new(kind, IsOtherStream: true);

        return kind switch
        {
            InboundEvent.Media when !payloadValid || payloadLength < 0 => new(InboundEvent.Malformed),
            InboundEvent.Media => new(InboundEvent.Media, payloadLength, callerTrack),
            InboundEvent.Dtmf when digit == default => new(InboundEvent.Malformed),
            InboundEvent.Dtmf => new(InboundEvent.Dtmf, Digit: digit),
            InboundEvent.Mark when markName is null => new(InboundEvent.Malformed),
            InboundEvent.Mark => new(InboundEvent.Mark, MarkName: markName),
            _ => new(kind),
        };
    }

    private static InboundEvent EventOf(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("media"u8)) return InboundEvent.Media;
        if (reader.ValueTextEquals("mark"u8)) return InboundEvent.Mark;
        if (reader.ValueTextEquals("dtmf"u8)) return InboundEvent.Dtmf;
        if (reader.ValueTextEquals("stop"u8)) return InboundEvent.Stop;
        return InboundEvent.Other;
    }

    /// <summary>Cloudonix names the caller's track <c>inbound</c>; Twilio-style senders use <c>inbound_track</c>.</summary>
    private static bool NamesCallerTrack(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("inbound"u8) || reader.ValueTextEquals("inbound_track"u8);

    private static bool TryDecodePayload(ref Utf8JsonReader reader, Span<byte> destination, out int written)
    {
        // Base64 may arrive with "\/" escapes; unescape first (rare, so a small copy is fine).
        ReadOnlySpan<byte> encoded = reader.ValueIsEscaped || reader.HasValueSequence
            ? Encoding.UTF8.GetBytes(reader.GetString()!)
            : reader.ValueSpan;
        return Base64.DecodeFromUtf8(encoded, destination, out _, out written) == OperationStatus.Done;
    }
}
