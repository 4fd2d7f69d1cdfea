namespace CleanAgent.CallSimulator;

/// <summary>What one simulated call saw: how it was admitted, what came back, and how it ended.</summary>
public sealed record CallResult
{
    /// <summary>The call SID the call was placed with.</summary>
    public required string CallSid { get; init; }

    /// <summary>The <c>streamSid</c> the simulator chose (<c>MZ…</c>).</summary>
    public required string StreamSid { get; init; }

    /// <summary>The close code the server sent, or null when it never closed (connect failure, drop, timeout).</summary>
    public int? CloseCode { get; init; }

    /// <summary>The reason the server gave with <see cref="CloseCode"/>.</summary>
    public string? CloseReason { get; init; }

    /// <summary>
    /// "Connect-to-admitted": from the start of the connect to the WebSocket being open. CleanAgent accepts the
    /// socket only once it has admitted the call (API key, agent, quota, run created), so this is admission latency
    /// plus TCP and upgrade. A call refused at admission is still accepted and then closed, with a close code. A Twilio
    /// call is admitted only after <c>start</c> (its key travels there), so for Twilio this is TCP and upgrade alone.
    /// </summary>
    public TimeSpan ConnectTime { get; init; }

    /// <summary>True when the WebSocket opened (the server accepted the socket).</summary>
    public bool Connected { get; init; }

    /// <summary>The HTTP status of the upgrade response when the connect failed (e.g. 404, 401), otherwise null.</summary>
    public int? HttpStatusCode { get; init; }

    /// <summary>From sending <c>start</c> to the first received <c>media</c> frame; null when none came.</summary>
    public TimeSpan? FirstAudioTime { get; init; }

    /// <summary>Received μ-law payloads in order; empty when <see cref="SimulatedCallOptions.KeepReceivedAudio"/> is off.</summary>
    public IReadOnlyList<byte[]> ReceivedFrames { get; init; } = [];

    /// <summary>Number of received <c>media</c> frames (kept or not).</summary>
    public int ReceivedFrameCount { get; init; }

    /// <summary>Gaps between consecutive received <c>media</c> frames, in order (one fewer than the frames).</summary>
    public IReadOnlyList<TimeSpan> ReceivedFrameIntervals { get; init; } = [];

    /// <summary>Names of the <c>mark</c> messages received, in order.</summary>
    public IReadOnlyList<string> ReceivedMarks { get; init; } = [];

    /// <summary>Names of the marks echoed back to the server, in the order echoed.</summary>
    public IReadOnlyList<string> EchoedMarks { get; init; } = [];

    /// <summary>Number of <c>clear</c> messages received.</summary>
    public int ClearsReceived { get; init; }

    /// <summary>When each <c>clear</c> arrived, from the moment <c>start</c> was sent (the clock the outbound frames keep).</summary>
    public IReadOnlyList<TimeSpan> ClearTimes { get; init; } = [];

    /// <summary>Received text frames that were not valid JSON objects, or events the simulator does not know.</summary>
    public int UnrecognizedMessages { get; init; }

    /// <summary><c>media</c> frames sent.</summary>
    public int FramesSent { get; init; }

    /// <summary>DTMF digits sent.</summary>
    public int DigitsSent { get; init; }

    /// <summary>Received frames before the first one that is not all silence (an echo agent's greeting or lead-in).</summary>
    public int LeadingSilentFrames { get; init; }

    /// <summary>
    /// For an echo agent: each echoed frame's delay, from sending the frame to receiving it back (the frames after the
    /// agent's lead-in silence, matched in order), in the order received. Empty when no echo was expected.
    /// </summary>
    public IReadOnlyList<TimeSpan> EchoDelays { get; init; } = [];

    /// <summary>
    /// How far the echo delay moved during the call: the median of the last 50 echoed frames (one second) minus that of
    /// the first 50, or zero with fewer than 100. A stall the server never catches up on shows here for the rest of the call.
    /// </summary>
    public TimeSpan EchoDelayDrift => EchoDelays.Count < 100
        ? TimeSpan.Zero
        : DurationSummary.Of(EchoDelays.Skip(EchoDelays.Count - 50)).P50 - DurationSummary.Of(EchoDelays.Take(50)).P50;

    /// <summary>Whether <see cref="FramesLost"/> means anything: the call expected an echo (<see cref="SimulatedCallOptions.ExpectEcho"/>).</summary>
    public bool CountsLostFrames { get; init; } = true;

    /// <summary>
    /// For an echo agent: frames sent whose echo never came back, <c>max(0, FramesSent − (received − leading silent frames))</c>.
    /// Zero for an agent that does not echo (<see cref="CountsLostFrames"/> false): its audio is its own, not ours back.
    /// </summary>
    public int FramesLost => CountsLostFrames ? Math.Max(0, FramesSent - (ReceivedFrameCount - LeadingSilentFrames)) : 0;

    /// <summary>True when the simulator sent <c>stop</c> (the caller hung up).</summary>
    public bool StopSent { get; init; }

    /// <summary>True when <see cref="SimulatedCallOptions.MaxCallDuration"/> ended the call.</summary>
    public bool ReachedMaxDuration { get; init; }

    /// <summary>From the start of the connect to the end of the call.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>
    /// What went wrong on the caller's side (connect failure, dropped socket, no close within 5 s of <c>stop</c>,
    /// cancellation), or null. A close code the server chose is not an error: see <see cref="CloseCode"/>.
    /// </summary>
    public Exception? Error { get; init; }

    /// <summary>All received audio decoded to 8 kHz 16-bit PCM (empty unless received audio was kept).</summary>
    public short[] DecodeReceivedAudio() => MuLawFrames.ToPcm(ReceivedFrames);

    /// <summary>Saves all received audio as an 8 kHz mono PCM16 WAV file.</summary>
    public void SaveReceivedAudio(string path) => WavFile.WriteSamples(path, DecodeReceivedAudio());
}
