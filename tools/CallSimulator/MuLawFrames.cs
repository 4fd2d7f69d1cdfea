using CleanAgent.Infrastructure.Audio;

namespace CleanAgent.CallSimulator;

/// <summary>
/// Cuts 8 kHz PCM into the 20 ms μ-law frames a telephony media stream carries, and turns received frames back
/// into PCM.
/// </summary>
public static class MuLawFrames
{
    /// <summary>Samples (and μ-law bytes) in one 20 ms frame at 8 kHz.</summary>
    public const int FrameSize = 160;

    /// <summary>Playout time of one <see cref="FrameSize"/> frame.</summary>
    public static readonly TimeSpan FrameDuration = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Encodes <paramref name="pcm"/> as μ-law and cuts it into 160-byte frames. The last frame is padded with
    /// μ-law silence (<see cref="MuLawCodec.Silence"/>) rather than zero bytes, which would be a loud click.
    /// </summary>
    public static IReadOnlyList<byte[]> FromPcm(ReadOnlySpan<short> pcm)
    {
        var frames = new byte[(pcm.Length + FrameSize - 1) / FrameSize][];
        for (var i = 0; i < frames.Length; i++)
        {
            var frame = new byte[FrameSize];
            var chunk = pcm.Slice(i * FrameSize, Math.Min(FrameSize, pcm.Length - (i * FrameSize)));
            MuLawCodec.Encode(chunk, frame);
            frame.AsSpan(chunk.Length).Fill(MuLawCodec.Silence);
            frames[i] = frame;
        }

        return frames;
    }

    /// <summary><paramref name="count"/> frames of μ-law silence.</summary>
    public static IReadOnlyList<byte[]> Silence(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var frames = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            frames[i] = new byte[FrameSize];
            frames[i].AsSpan().Fill(MuLawCodec.Silence);
        }

        return frames;
    }

    /// <summary>Decodes μ-law frames (of any length) back into one run of 16-bit PCM, in order.</summary>
    public static short[] ToPcm(IEnumerable<byte[]> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var list = frames as IReadOnlyCollection<byte[]> ?? frames.ToList();
        var pcm = new short[list.Sum(f => f.Length)];
        var offset = 0;
        foreach (var frame in list)
        {
            MuLawCodec.Decode(frame, pcm.AsSpan(offset, frame.Length));
            offset += frame.Length;
        }

        return pcm;
    }

    /// <summary>True when every byte of the frame decodes to zero (both μ-law zeros, <c>0xFF</c> and <c>0x7F</c>).</summary>
    public static bool IsSilence(ReadOnlySpan<byte> frame) => !frame.ContainsAnyExcept(MuLawCodec.Silence, (byte)0x7F);
}
