using System.Buffers.Binary;
using CleanAgent.Infrastructure.Audio;

namespace CleanAgent.UnitTests.Voice;

public sealed class Pcm16StreamDecoderTests
{
    private static byte[] Bytes(short[] samples)
    {
        var bytes = new byte[samples.Length * 2];
        for (var i = 0; i < samples.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), samples[i]);
        return bytes;
    }

    [Fact]
    public void OddSplits_CarryTheHalfSample_AndGiveTheWholeStreamsSamples()
    {
        var random = new Random(5);
        var samples = Enumerable.Range(0, 5000).Select(_ => (short)random.Next(short.MinValue, short.MaxValue + 1)).ToArray();
        var bytes = Bytes(samples);
        var decoder = new Pcm16StreamDecoder();
        var decoded = new List<short>();

        for (var offset = 0; offset < bytes.Length;)
        {
            var count = Math.Min(random.Next(1, 700) | 1, bytes.Length - offset); // mostly odd chunks
            var output = new short[decoder.MaxSamplesFor(count)];
            var written = decoder.Decode(bytes.AsSpan(offset, count), output);
            decoded.AddRange(output[..written]);
            offset += count;
        }

        Assert.Equal(samples, decoded);
        Assert.False(decoder.HasPartialSample);
    }

    [Fact]
    public void OneByteAtATime_Works()
    {
        short[] samples = [-2, 258, short.MinValue];
        var decoder = new Pcm16StreamDecoder();
        var decoded = new List<short>();
        var output = new short[1];

        foreach (var b in Bytes(samples))
        {
            var written = decoder.Decode([b], output);
            if (written == 1) decoded.Add(output[0]);
        }

        Assert.Equal(samples, decoded);
    }

    [Fact]
    public void TrailingHalfSample_IsHeldNotInvented()
    {
        var decoder = new Pcm16StreamDecoder();
        var output = new short[4];

        var written = decoder.Decode([0x01, 0x02, 0x03], output);

        Assert.Equal(1, written);
        Assert.Equal(0x0201, output[0]);
        Assert.True(decoder.HasPartialSample);
    }
}
