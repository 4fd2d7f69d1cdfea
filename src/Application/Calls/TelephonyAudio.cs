namespace CleanAgent.Application.Calls;

/// <summary>
/// The audio every telephony provider carries: G.711 μ-law, 8 kHz, mono, in 20 ms frames of 160 samples (one
/// byte each). The one place these numbers live.
/// </summary>
public static class TelephonyAudio
{
    public const int SampleRate = 8000;
    public const int FrameMilliseconds = 20;
    public const int FrameSamples = SampleRate * FrameMilliseconds / 1000;

    /// <summary>A μ-law frame: one byte per sample.</summary>
    public const int FrameBytes = FrameSamples;

    public static TimeSpan FrameDuration { get; } = TimeSpan.FromMilliseconds(FrameMilliseconds);
}
