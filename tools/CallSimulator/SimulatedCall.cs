namespace CleanAgent.CallSimulator;

/// <summary>Places one call against CleanAgent's Agent Stream endpoint exactly as Cloudonix (or Twilio) would.</summary>
public static class SimulatedCall
{
    /// <summary>
    /// Connects, sends <c>connected</c> and <c>start</c>, streams <see cref="SimulatedCallOptions.OutboundFrames"/> in
    /// real time (with DTMF and extra messages at their offsets), echoes marks, then hangs up with <c>stop</c> and
    /// waits (at most <see cref="SimulatedCallOptions.CloseTimeout"/>, 5 s by default) for the server to close — or, without <see cref="SimulatedCallOptions.SendStop"/>, waits for
    /// the server to end the call.
    /// </summary>
    /// <returns>
    /// What the call saw. Failures on the caller's side — including cancellation through
    /// <paramref name="cancellationToken"/> — are reported in <see cref="CallResult.Error"/>, not thrown, so that
    /// a load run keeps every call's figures.
    /// </returns>
    public static Task<CallResult> RunAsync(SimulatedCallOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.ServerBaseAddress);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.AgentUuid);
        ArgumentNullException.ThrowIfNull(options.ApiKey);
        ArgumentNullException.ThrowIfNull(options.OutboundFrames);
        ArgumentNullException.ThrowIfNull(options.Dtmf);
        ArgumentNullException.ThrowIfNull(options.ExtraMessages);
        ArgumentNullException.ThrowIfNull(options.RawFrames);
        if (!options.ServerBaseAddress.IsAbsoluteUri)
            throw new ArgumentException("ServerBaseAddress must be an absolute URI.", nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.HoldAfterAudio, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.MaxCallDuration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.CloseTimeout, TimeSpan.Zero);

        return RunSessionAsync(options, cancellationToken);
    }

    private static async Task<CallResult> RunSessionAsync(SimulatedCallOptions options, CancellationToken cancellationToken)
    {
        using var session = new CallSession(options);
        return await session.RunAsync(cancellationToken);
    }
}
