namespace CleanAgent.Application.Calls;

/// <summary>The bounds one call runs within.</summary>
/// <param name="MaxDuration">The longest the call may last from the start of its stream; then it is ended (<c>max_duration</c>).</param>
public sealed record CallLimits(TimeSpan MaxDuration);
