using CleanAgent.CallSimulator;

namespace CleanAgent.IntegrationTests.Support;

/// <summary>Caller audio for tests.</summary>
public static class TestAudio
{
    /// <summary>Noise as μ-law frames: every frame differs, so a lost, repeated or reordered frame shows.</summary>
    public static IReadOnlyList<byte[]> Noise(int frames, int seed = 7)
    {
        var random = new Random(seed);
        var pcm = new short[frames * MuLawFrames.FrameSize];
        for (var i = 0; i < pcm.Length; i++) pcm[i] = (short)random.Next(-20000, 20000);
        return MuLawFrames.FromPcm(pcm);
    }
}
