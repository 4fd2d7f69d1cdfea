using CleanAgent.Infrastructure.Audio;
using CleanAgent.UnitTests.Support;
using Xunit;

namespace CleanAgent.UnitTests.Audio;

public sealed class MuLawCodecTests
{
    /// <summary>
    /// The G.711 μ-law expansion table, code 0x00 to 0xFF, as published with the ITU/Sun reference code.
    /// Literal data (generated once from the ITU 14-bit formulation, not from <see cref="MuLawCodec"/>).
    /// </summary>
    private static readonly short[] G711DecodeReference =
    [
        -32124, -31100, -30076, -29052, -28028, -27004, -25980, -24956,
        -23932, -22908, -21884, -20860, -19836, -18812, -17788, -16764,
        -15996, -15484, -14972, -14460, -13948, -13436, -12924, -12412,
        -11900, -11388, -10876, -10364, -9852, -9340, -8828, -8316,
        -7932, -7676, -7420, -7164, -6908, -6652, -6396, -6140,
        -5884, -5628, -5372, -5116, -4860, -4604, -4348, -4092,
        -3900, -3772, -3644, -3516, -3388, -3260, -3132, -3004,
        -2876, -2748, -2620, -2492, -2364, -2236, -2108, -1980,
        -1884, -1820, -1756, -1692, -1628, -1564, -1500, -1436,
        -1372, -1308, -1244, -1180, -1116, -1052, -988, -924,
        -876, -844, -812, -780, -748, -716, -684, -652,
        -620, -588, -556, -524, -492, -460, -428, -396,
        -372, -356, -340, -324, -308, -292, -276, -260,
        -244, -228, -212, -196, -180, -164, -148, -132,
        -120, -112, -104, -96, -88, -80, -72, -64,
        -56, -48, -40, -32, -24, -16, -8, 0,
        32124, 31100, 30076, 29052, 28028, 27004, 25980, 24956,
        23932, 22908, 21884, 20860, 19836, 18812, 17788, 16764,
        15996, 15484, 14972, 14460, 13948, 13436, 12924, 12412,
        11900, 11388, 10876, 10364, 9852, 9340, 8828, 8316,
        7932, 7676, 7420, 7164, 6908, 6652, 6396, 6140,
        5884, 5628, 5372, 5116, 4860, 4604, 4348, 4092,
        3900, 3772, 3644, 3516, 3388, 3260, 3132, 3004,
        2876, 2748, 2620, 2492, 2364, 2236, 2108, 1980,
        1884, 1820, 1756, 1692, 1628, 1564, 1500, 1436,
        1372, 1308, 1244, 1180, 1116, 1052, 988, 924,
        876, 844, 812, 780, 748, 716, 684, 652,
        620, 588, 556, 524, 492, 460, 428, 396,
        372, 356, 340, 324, 308, 292, 276, 260,
        244, 228, 212, 196, 180, 164, 148, 132,
        120, 112, 104, 96, 88, 80, 72, 64,
        56, 48, 40, 32, 24, 16, 8, 0,
    ];

    [Fact]
    public void Decode_FullTable_MatchesG711Reference()
    {
        var codes = new byte[256];
        for (int i = 0; i < codes.Length; i++)
        {
            codes[i] = (byte)i;
        }

        var pcm = new short[256];
        MuLawCodec.Decode(codes, pcm);

        Assert.Equal(G711DecodeReference, pcm);
    }

    [Fact]
    public void DecodeSample_EveryCode_EqualsItuFourteenBitExpansionScaledToSixteenBits()
    {
        // ITU-T G.711 in its own terms: a 14-bit magnitude ((2m + 33) · 2^e − 33), sign bit 0x80 set = positive
        // once the transmitted code's bits are inverted. The 16-bit value is that magnitude times 4.
        for (int code = 0; code < 256; code++)
        {
            int bits = code ^ 0xFF;
            int segment = (bits & 0x70) >> 4;
            int step = bits & 0x0F;
            int magnitude = 4 * ((((2 * step) + 33) << segment) - 33);
            int expected = (bits & 0x80) == 0 ? magnitude : -magnitude;

            Assert.True(expected == MuLawCodec.DecodeSample((byte)code), $"code 0x{code:X2}: expected {expected}");
        }
    }

    [Theory]
    [InlineData(0x7F)]
    [InlineData(0xFF)]
    public void DecodeSample_PositiveAndNegativeZeroCodes_DecodeToZero(byte code)
    {
        Assert.Equal(0, MuLawCodec.DecodeSample(code));
    }

    [Fact]
    public void Silence_IsTheCodeThatZeroEncodesTo()
    {
        Assert.Equal(0xFF, MuLawCodec.Silence);
        Assert.Equal(MuLawCodec.Silence, MuLawCodec.EncodeSample(0));
        Assert.Equal(0, MuLawCodec.DecodeSample(MuLawCodec.Silence));
    }

    // Expected codes are literals worked out from the G.711 decision intervals (code (e, m) covers
    // |x| + 0x84 in [(16 + m)·2^(e+3), (17 + m)·2^(e+3)), magnitudes clipped at 32635), not from the codec.
    [Theory]
    [InlineData(0, 0xFF)]
    [InlineData(1, 0xFF)]
    [InlineData(3, 0xFF)]
    [InlineData(4, 0xFE)]
    [InlineData(11, 0xFE)]
    [InlineData(12, 0xFD)]
    [InlineData(-1, 0x7F)]
    [InlineData(-3, 0x7F)]
    [InlineData(-4, 0x7E)]
    [InlineData(-5, 0x7E)]
    // Clipping: everything from 32635 up (and down from −32635) lands in the top code.
    [InlineData(32635, 0x80)]
    [InlineData(32636, 0x80)]
    [InlineData(32767, 0x80)]
    [InlineData(-32635, 0x00)]
    [InlineData(-32636, 0x00)]
    [InlineData(-32767, 0x00)]
    [InlineData(-32768, 0x00)]
    // The bias itself (0x84 = 132) and its neighbour.
    [InlineData(131, 0xEF)]
    [InlineData(132, 0xEF)]
    [InlineData(-131, 0x6F)]
    [InlineData(-132, 0x6F)]
    // Either side of each segment boundary: |x| + 0x84 reaching 2^8 … 2^14.
    [InlineData(123, 0xF0)]
    [InlineData(124, 0xEF)]
    [InlineData(-123, 0x70)]
    [InlineData(-124, 0x6F)]
    [InlineData(379, 0xE0)]
    [InlineData(380, 0xDF)]
    [InlineData(-379, 0x60)]
    [InlineData(-380, 0x5F)]
    [InlineData(891, 0xD0)]
    [InlineData(892, 0xCF)]
    [InlineData(-891, 0x50)]
    [InlineData(-892, 0x4F)]
    [InlineData(1915, 0xC0)]
    [InlineData(1916, 0xBF)]
    [InlineData(-1915, 0x40)]
    [InlineData(-1916, 0x3F)]
    [InlineData(3963, 0xB0)]
    [InlineData(3964, 0xAF)]
    [InlineData(-3963, 0x30)]
    [InlineData(-3964, 0x2F)]
    [InlineData(8059, 0xA0)]
    [InlineData(8060, 0x9F)]
    [InlineData(-8059, 0x20)]
    [InlineData(-8060, 0x1F)]
    [InlineData(16251, 0x90)]
    [InlineData(16252, 0x8F)]
    [InlineData(-16251, 0x10)]
    [InlineData(-16252, 0x0F)]
    public void EncodeSample_BoundaryAndNegativeValues_MatchG711DecisionIntervals(short pcm, byte expected)
    {
        Assert.Equal(expected, MuLawCodec.EncodeSample(pcm));
    }

    [Fact]
    public void EncodeSample_EveryDecodedLevel_EncodesBackToItsOwnCode()
    {
        for (int code = 0; code < 256; code++)
        {
            // Negative zero (0x7F) decodes to 0, which encodes as positive zero.
            byte expected = code == 0x7F ? MuLawCodec.Silence : (byte)code;

            Assert.Equal(expected, MuLawCodec.EncodeSample(G711DecodeReference[code]));
        }
    }

    [Fact]
    public void RoundTrip_EverySixteenBitValue_StaysWithinHalfAQuantisationStep()
    {
        for (int x = short.MinValue; x <= short.MaxValue; x++)
        {
            int clipped = Math.Clamp(x, -32635, 32635);

            // Segment e spans |x| + 132 in [2^(e+7), 2^(e+8)) and is cut into 16 steps of 2^(e+3).
            int segment = (31 - int.LeadingZeroCount(Math.Abs(clipped) + 132)) - 7;
            int halfStep = 1 << (segment + 2);

            int decoded = MuLawCodec.DecodeSample(MuLawCodec.EncodeSample((short)x));

            Assert.True(
                Math.Abs(decoded - clipped) <= halfStep,
                $"x={x} decoded to {decoded}, more than {halfStep} from {clipped}");
        }
    }

    [Fact]
    public void RoundTrip_AcrossTheWholeRange_IsMonotonic()
    {
        int previous = int.MinValue;
        for (int x = short.MinValue; x <= short.MaxValue; x++)
        {
            int decoded = MuLawCodec.DecodeSample(MuLawCodec.EncodeSample((short)x));

            Assert.True(decoded >= previous, $"x={x} decoded to {decoded}, below {previous} for x-1");
            previous = decoded;
        }
    }

    [Fact]
    public void Encode_Frame_MatchesSampleBySampleEncoding()
    {
        var pcm = new short[160];
        var random = new Random(1234);
        for (int i = 0; i < pcm.Length; i++)
        {
            pcm[i] = (short)random.Next(short.MinValue, short.MaxValue + 1);
        }

        var frame = new byte[160];
        MuLawCodec.Encode(pcm, frame);

        for (int i = 0; i < pcm.Length; i++)
        {
            Assert.Equal(MuLawCodec.EncodeSample(pcm[i]), frame[i]);
        }
    }

    [Fact]
    public void Decode_IntoLongerBuffer_WritesOnlyTheInputLength()
    {
        var pcm = new short[4];
        Array.Fill(pcm, (short)12345);

        MuLawCodec.Decode([0x00, 0x80], pcm);

        Assert.Equal(new short[] { -32124, 32124, 12345, 12345 }, pcm);
    }

    [Fact]
    public void Decode_DestinationShorterThanSource_Throws()
    {
        Assert.Throws<ArgumentException>(() => MuLawCodec.Decode(new byte[160], new short[159]));
    }

    [Fact]
    public void Encode_DestinationShorterThanSource_Throws()
    {
        Assert.Throws<ArgumentException>(() => MuLawCodec.Encode(new short[160], new byte[159]));
    }

    [Fact]
    public void EncodeAndDecode_OfAFrame_DoNotAllocate()
    {
        var pcm = new short[160];
        var mulaw = new byte[160];
        MuLawCodec.Encode(pcm, mulaw);
        MuLawCodec.Decode(mulaw, pcm);

        SteadyStateAllocation.AssertNone(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                MuLawCodec.Encode(pcm, mulaw);
                MuLawCodec.Decode(mulaw, pcm);
            }
        });
    }
}
