namespace CleanAgent.CallSimulator;

/// <summary>A load run: <see cref="Calls"/> concurrent copies of one call, each with its own call SID.</summary>
public sealed record LoadOptions
{
    /// <summary>The call every simulated caller places (its <see cref="SimulatedCallOptions.CallSid"/> is replaced per call).</summary>
    public required SimulatedCallOptions Call { get; init; }

    /// <summary>Number of calls, all concurrent once ramped up.</summary>
    public int Calls { get; init; } = 1;

    /// <summary>Calls start evenly spread over this time (call i at i/N of it); zero starts them all at once.</summary>
    public TimeSpan RampUp { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// Called as each call ends, with its index (0-based, in start order) and result. Calls are serialized, so the
    /// callback may print without locking; keep it short, other calls are running.
    /// </summary>
    public Action<int, CallResult>? CallCompleted { get; init; }
}
