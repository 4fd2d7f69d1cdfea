namespace CleanAgent.Infrastructure.Voice;

/// <summary><c>Voice:Turn:*</c>: turn-taking timings.</summary>
public sealed class VoiceTurnOptions
{
    public TimeSpan EndpointingDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MinInterruption { get; set; } = TimeSpan.FromMilliseconds(300);

    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
