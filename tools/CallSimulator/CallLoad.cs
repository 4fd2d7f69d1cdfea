using System.Diagnostics;

namespace CleanAgent.CallSimulator;

/// <summary>Runs many simulated calls at once against one CleanAgent and aggregates what they saw.</summary>
public static class CallLoad
{
    /// <summary>
    /// Places <see cref="LoadOptions.Calls"/> calls, spread over <see cref="LoadOptions.RampUp"/>, each with its own call
    /// SID, and waits for all of them. Cancellation ends every call (reported as its error) and still returns a report.
    /// </summary>
    public static async Task<LoadReport> RunAsync(LoadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Call);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Calls);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RampUp, TimeSpan.Zero);

        var results = new CallResult[options.Calls];
        var callbackGate = new Lock();
        var wallClock = Stopwatch.StartNew();
        var calls = new Task[options.Calls];
        for (var i = 0; i < calls.Length; i++)
            calls[i] = RunOneAsync(i);
        await Task.WhenAll(calls);
        return LoadReport.From(results, wallClock.Elapsed);

        async Task RunOneAsync(int index)
        {
            var call = options.Call with { CallSid = "CA" + Guid.NewGuid().ToString("N") };
            var startAt = options.RampUp * index / options.Calls;
            var wait = startAt - wallClock.Elapsed;
            CallResult result;
            try
            {
                // Yield first so that starting call i never waits on call i-1's synchronous connect work.
                if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken);
                else await Task.Yield();
                result = await SimulatedCall.RunAsync(call, cancellationToken);
            }
            catch (OperationCanceledException ex)
            {
                result = new CallResult { CallSid = call.CallSid, StreamSid = string.Empty, Error = ex };
            }

            results[index] = result;
            if (options.CallCompleted is { } callback)
            {
                lock (callbackGate) callback(index, result);
            }
        }
    }
}
