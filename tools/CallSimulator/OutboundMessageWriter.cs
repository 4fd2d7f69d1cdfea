using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CleanAgent.CallSimulator;

/// <summary>
/// Serializes what the caller's side sends, in Twilio-compatible framing (sequence numbers as strings, incrementing
/// from <c>start</c> = 1). <c>media</c> is the hot path (50 per second per call): its static parts are
/// pre-encoded once and the payload is base64-encoded straight into a reused buffer, so a frame allocates nothing.
/// </summary>
/// <remarks>Not thread-safe: one writer per call, used by its send loop only. A returned buffer is valid until the next call.</remarks>
internal sealed class OutboundMessageWriter : IDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly byte[] MediaHead = "{\"event\":\"media\",\"sequenceNumber\":\""u8.ToArray();

    private readonly string _streamSid;
    private readonly string _accountSid;
    private readonly string _callSid;
    private readonly byte[] _mediaAfterSequence;
    private readonly ArrayBufferWriter<byte> _json = new(512);
    private readonly Utf8JsonWriter _writer;
    private byte[] _media;
    private int _sequence;

    public OutboundMessageWriter(string streamSid, string accountSid, string callSid, int largestFrame = MuLawFrames.FrameSize)
    {
        _streamSid = streamSid;
        _accountSid = accountSid;
        _callSid = callSid;
        _writer = new Utf8JsonWriter(_json, WriterOptions);
        _mediaAfterSequence = Encoding.UTF8.GetBytes(
            $"\",\"streamSid\":{JsonSerializer.Serialize(streamSid)},\"media\":{{\"track\":\"inbound\",\"chunk\":\"");
        _media = new byte[MediaCapacity(largestFrame)];
    }

    public static ReadOnlyMemory<byte> Connected { get; } = """{"event":"connected","protocol":"Call","version":"1.0.0"}"""u8.ToArray();

    /// <summary><c>start</c>, always sequence number 1.</summary>
    public ReadOnlyMemory<byte> Start(IReadOnlyDictionary<string, string>? customParameters)
    {
        _sequence = 0;
        var writer = Begin("start");
        writer.WriteStartObject("start");
        writer.WriteString("accountSid", _accountSid);
        writer.WriteString("streamSid", _streamSid);
        writer.WriteString("callSid", _callSid);
        writer.WriteStartArray("tracks");
        writer.WriteStringValue("inbound");
        writer.WriteEndArray();
        writer.WriteStartObject("mediaFormat");
        writer.WriteString("encoding", "audio/x-mulaw");
        writer.WriteNumber("sampleRate", ToneGenerator.SampleRate);
        writer.WriteNumber("channels", 1);
        writer.WriteEndObject();
        writer.WriteStartObject("customParameters");
        foreach (var (name, value) in customParameters ?? new Dictionary<string, string>())
            writer.WriteString(name, value);
        writer.WriteEndObject();
        writer.WriteEndObject();
        return End();
    }

    /// <summary>
    /// <c>media</c> carrying <paramref name="payload"/> as chunk <paramref name="chunk"/> (1-based); its timestamp is the
    /// chunk's presentation time in ms from the stream start, as Twilio defines it.
    /// </summary>
    public ReadOnlyMemory<byte> Media(ReadOnlySpan<byte> payload, int chunk)
    {
        var needed = MediaCapacity(payload.Length);
        if (_media.Length < needed) _media = new byte[needed];

        var span = _media.AsSpan();
        var at = Append(span, 0, MediaHead);
        at += Format(++_sequence, span[at..]);
        at = Append(span, at, _mediaAfterSequence);
        at += Format(chunk, span[at..]);
        at = Append(span, at, "\",\"timestamp\":\""u8);
        at += Format((long)(chunk - 1) * 20, span[at..]);
        at = Append(span, at, "\",\"payload\":\""u8);
        Base64.EncodeToUtf8(payload, span[at..], out _, out var written);
        at += written;
        at = Append(span, at, "\"}}"u8);
        return _media.AsMemory(0, at);
    }

    public ReadOnlyMemory<byte> Dtmf(char digit)
    {
        var writer = Begin("dtmf");
        writer.WriteStartObject("dtmf");
        writer.WriteString("track", "inbound_track");
        writer.WriteString("digit", digit.ToString());
        writer.WriteEndObject();
        return End();
    }

    /// <summary>The provider's echo of a mark: the audio before it has been played (or discarded by <c>clear</c>).</summary>
    public ReadOnlyMemory<byte> MarkEcho(string name)
    {
        var writer = Begin("mark");
        writer.WriteStartObject("mark");
        writer.WriteString("name", name);
        writer.WriteEndObject();
        return End();
    }

    public ReadOnlyMemory<byte> Stop()
    {
        var writer = Begin("stop");
        writer.WriteStartObject("stop");
        writer.WriteString("accountSid", _accountSid);
        writer.WriteString("callSid", _callSid);
        writer.WriteEndObject();
        return End();
    }

    public void Dispose() => _writer.Dispose();

    private Utf8JsonWriter Begin(string eventName)
    {
        _json.ResetWrittenCount();
        _writer.Reset(_json);
        _writer.WriteStartObject();
        _writer.WriteString("event", eventName);
        _writer.WriteString("sequenceNumber", (++_sequence).ToString(System.Globalization.CultureInfo.InvariantCulture));
        _writer.WriteString("streamSid", _streamSid);
        return _writer;
    }

    private ReadOnlyMemory<byte> End()
    {
        _writer.WriteEndObject();
        _writer.Flush();
        return _json.WrittenMemory;
    }

    private int MediaCapacity(int payloadBytes) =>
        MediaHead.Length + _mediaAfterSequence.Length + 128 + Base64.GetMaxEncodedToUtf8Length(payloadBytes);

    private static int Append(Span<byte> destination, int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(destination[at..]);
        return at + bytes.Length;
    }

    private static int Format(long value, Span<byte> destination)
    {
        value.TryFormat(destination, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        return written;
    }
}
