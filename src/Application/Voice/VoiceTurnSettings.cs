namespace CleanAgent.Application.Voice;

/// <summary>Turn-taking timings (<c>Voice:Turn:*</c>).</summary>
/// <param name="EndpointingDelay">Silence after the caller's last speech that ends the caller's turn.</param>
/// <param name="MinInterruption">Caller speech over the agent that counts as a barge-in.</param>
/// <param name="IdleTimeout">Silence before the agent asks whether the caller is still there.</param>
public sealed record VoiceTurnSettings(TimeSpan EndpointingDelay, TimeSpan MinInterruption, TimeSpan IdleTimeout);
