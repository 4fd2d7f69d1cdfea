using CleanAgent.Infrastructure.Audio;

namespace CleanAgent.UnitTests.Voice;

/// <summary>
/// The Deepgram session re-encodes the call's PCM to μ-law. That only sends the phone's own bytes if encoding a
/// decoded byte gives the byte back, which this pins down.
/// </summary>
public sealed class MuLawRoundTripTests
{
    [Fact]
    public void EncodingADecodedByte_GivesTheSameByte_ExceptNegativeZero()
    {
        for (var code = 0; code < 256; code++)
        {
            var again = MuLawCodec.EncodeSample(MuLawCodec.DecodeSample((byte)code));
            Assert.Equal(code == 0x7F ? MuLawCodec.Silence : (byte)code, again);
        }
    }
}
