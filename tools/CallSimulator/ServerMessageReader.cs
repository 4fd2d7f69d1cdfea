using System.Buffers.Text;
using System.Text.Json;

namespace CleanAgent.CallSimulator;

/// <summary>What a server text frame turned out to be.</summary>
internal enum ServerMessageKind
{
    Unrecognized,
    Media,
    Mark,
    Clear,
}

/// <summary>
/// Reads CleanAgent's messages (<c>media</c>, <c>mark</c>, <c>clear</c>) with <see cref="Utf8JsonReader"/> in one pass,
/// whatever the field order, decoding a media payload into a reused buffer: nothing is allocated per frame.
/// </summary>
/// <remarks>Not thread-safe: one reader per call, used by its receive loop only.</remarks>
internal sealed class ServerMessageReader
{
    private byte[] _payload = new byte[MuLawFrames.FrameSize * 4];
    private byte[] _unescaped = new byte[1024];

    /// <summary>The decoded payload of the last <see cref="ServerMessageKind.Media"/> message; valid until the next read.</summary>
    public ReadOnlySpan<byte> Payload => _payload.AsSpan(0, PayloadLength);

    public int PayloadLength { get; private set; }

    /// <summary>The name of the last <see cref="ServerMessageKind.Mark"/> message.</summary>
    public string? MarkName { get; private set; }

    public ServerMessageKind Read(ReadOnlySpan<byte> json)
    {
        PayloadLength = -1;
        MarkName = null;
        var kind = ServerMessageKind.Unrecognized;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return ServerMessageKind.Unrecognized;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("event"u8))
                {
                    reader.Read();
                    kind = reader.TokenType != JsonTokenType.String ? ServerMessageKind.Unrecognized
                        : reader.ValueTextEquals("media"u8) ? ServerMessageKind.Media
                        : reader.ValueTextEquals("mark"u8) ? ServerMessageKind.Mark
                        : reader.ValueTextEquals("clear"u8) ? ServerMessageKind.Clear
                        : ServerMessageKind.Unrecognized;
                }
                else if (reader.ValueTextEquals("media"u8))
                {
                    ReadObject(ref reader, "payload"u8, isPayload: true);
                }
                else if (reader.ValueTextEquals("mark"u8))
                {
                    ReadObject(ref reader, "name"u8, isPayload: false);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return ServerMessageKind.Unrecognized;
        }

        return kind switch
        {
            ServerMessageKind.Media when PayloadLength < 0 => ServerMessageKind.Unrecognized,
            ServerMessageKind.Mark when MarkName is null => ServerMessageKind.Unrecognized,
            _ => kind,
        };
    }

    /// <summary>Reads the object the reader is at the name of, picking out the one string property we need.</summary>
    private void ReadObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> wanted, bool isPayload)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isWanted = reader.ValueTextEquals(wanted);
            reader.Read();
            if (isWanted && reader.TokenType == JsonTokenType.String)
            {
                if (isPayload) DecodePayload(ref reader);
                else MarkName = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private void DecodePayload(ref Utf8JsonReader reader)
    {
        var base64 = reader.ValueSpan;
        // A serializer that escapes '+' and '/' (System.Text.Json's default encoder writes "\u002B") is still valid JSON.
        if (reader.ValueIsEscaped)
        {
            if (_unescaped.Length < base64.Length) _unescaped = new byte[base64.Length * 2];
            base64 = _unescaped.AsSpan(0, reader.CopyString(_unescaped));
        }

        var needed = Base64.GetMaxDecodedFromUtf8Length(base64.Length);
        if (_payload.Length < needed) _payload = new byte[needed * 2];
        if (Base64.DecodeFromUtf8(base64, _payload, out _, out var written) == System.Buffers.OperationStatus.Done)
            PayloadLength = written;
    }
}
