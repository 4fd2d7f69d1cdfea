namespace CleanAgent.Infrastructure.Audio;

/// <summary>
/// G.711 μ-law (8-bit companded) to and from 16-bit linear PCM, as carried on the telephony media stream.
/// </summary>
/// <remarks>
/// This runs on the media hot path (50 frames/s per call in each direction), so the bulk methods work on
/// caller-owned spans and never allocate. Decoding is a 256-entry table; both <c>0x7F</c> and <c>0xFF</c> decode
/// to 0. Encoding is the classic 16-bit CCITT method (bias <c>0x84</c>, clip at <c>32635</c>) that the media
/// stream specifies. Note that Sun's 14-bit <c>linear2ulaw</c> shifts right before negating, so it encodes a few
/// small negative values one step differently (−3 gives <c>0x7E</c> there, <c>0x7F</c> here).
/// </remarks>
public static class MuLawCodec
{
    /// <summary>The μ-law byte for digital silence (positive zero).</summary>
    public const byte Silence = 0xFF;

    /// <summary>Added to the magnitude before encoding so that every segment starts on a power of two.</summary>
    private const int Bias = 0x84;

    /// <summary>Largest magnitude that still fits in the top segment once <see cref="Bias"/> is added.</summary>
    private const int Clip = 32635;

    private static readonly short[] DecodeTable = BuildDecodeTable();

    /// <summary>
    /// Segment (exponent) of a biased magnitude, indexed by its bits 7..14: the position of the highest set bit.
    /// Kept as static data (no allocation, no startup cost) rather than computed per sample.
    /// </summary>
    private static ReadOnlySpan<byte> ExponentTable =>
    [
        0, 0, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3,
        4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
        5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
        5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
        6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6,
        6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6,
        6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6,
        6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6,
        7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
        7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
        7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
        7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
        7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
        7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
        7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
        7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
    ];

    /// <summary>Decodes one μ-law byte to 16-bit linear PCM.</summary>
    public static short DecodeSample(byte mulaw) => DecodeTable[mulaw];

    /// <summary>Encodes one 16-bit linear PCM sample to μ-law.</summary>
    public static byte EncodeSample(short pcm)
    {
        // Work in int: negating short.MinValue in 16 bits would wrap back to a negative number.
        int sample = pcm;
        int sign = (sample >> 8) & 0x80;
        if (sign != 0)
        {
            sample = -sample;
        }

        if (sample > Clip)
        {
            sample = Clip;
        }

        sample += Bias;
        int exponent = ExponentTable[(sample >> 7) & 0xFF];
        int mantissa = (sample >> (exponent + 3)) & 0x0F;

        // G.711 transmits the code inverted so that silence is not a long run of zero bits.
        return (byte)~(sign | (exponent << 4) | mantissa);
    }

    /// <summary>Decodes a μ-law frame into <paramref name="pcm"/>, one sample per byte.</summary>
    /// <exception cref="ArgumentException"><paramref name="pcm"/> is shorter than <paramref name="mulaw"/>.</exception>
    public static void Decode(ReadOnlySpan<byte> mulaw, Span<short> pcm)
    {
        if (pcm.Length < mulaw.Length)
        {
            throw new ArgumentException("The PCM buffer must hold one sample per μ-law byte.", nameof(pcm));
        }

        // Local copy of the array reference lets the JIT keep it in a register across the loop.
        var table = DecodeTable;
        for (int i = 0; i < mulaw.Length; i++)
        {
            pcm[i] = table[mulaw[i]];
        }
    }

    /// <summary>Encodes a PCM frame into <paramref name="mulaw"/>, one byte per sample.</summary>
    /// <exception cref="ArgumentException"><paramref name="mulaw"/> is shorter than <paramref name="pcm"/>.</exception>
    public static void Encode(ReadOnlySpan<short> pcm, Span<byte> mulaw)
    {
        if (mulaw.Length < pcm.Length)
        {
            throw new ArgumentException("The μ-law buffer must hold one byte per PCM sample.", nameof(mulaw));
        }

        for (int i = 0; i < pcm.Length; i++)
        {
            mulaw[i] = EncodeSample(pcm[i]);
        }
    }

    /// <summary>
    /// The ITU/Sun expansion: invert, split into sign, 3-bit exponent and 4-bit mantissa, then
    /// <c>(((mantissa &lt;&lt; 3) + bias) &lt;&lt; exponent) - bias</c>, negated when the sign bit is set.
    /// </summary>
    private static short[] BuildDecodeTable()
    {
        var table = new short[256];
        for (int code = 0; code < table.Length; code++)
        {
            int inverted = ~code & 0xFF;
            int exponent = (inverted >> 4) & 0x07;
            int mantissa = inverted & 0x0F;
            int magnitude = (((mantissa << 3) + Bias) << exponent) - Bias;
            table[code] = (short)((inverted & 0x80) != 0 ? -magnitude : magnitude);
        }

        return table;
    }
}
