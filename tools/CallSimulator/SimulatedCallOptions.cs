namespace CleanAgent.CallSimulator;

/// <summary>
/// Everything one simulated call does (as Cloudonix places it, or as Twilio does): where it connects, what the URL
/// and <c>start</c> carry, what the caller "says" (μ-law frames, DTMF, arbitrary extra text) and how the call ends.
/// </summary>
/// <remarks>All offsets (<see cref="Dtmf"/>, <see cref="ExtraMessages"/>, <see cref="RawFrames"/>) count from the moment <c>start</c> was sent.</remarks>
public sealed record SimulatedCallOptions
{
    /// <summary>CleanAgent's base address, http(s) or ws(s), e.g. <c>ws://127.0.0.1:5000</c>. Its path is ignored.</summary>
    public required Uri ServerBaseAddress { get; init; }

    /// <summary>The agent's UUID, the last path segment of the Agent Stream URL.</summary>
    public required string AgentUuid { get; init; }

    /// <summary>
    /// The platform the call imitates (Cloudonix by default). For <see cref="SimulatedProvider.Twilio"/> the URL has no
    /// query string and the parameters below travel in <c>start.customParameters</c>.
    /// </summary>
    public SimulatedProvider Provider { get; init; } = SimulatedProvider.Cloudonix;

    /// <summary>
    /// The CleanAgent API key (<c>dg_…</c>), sent as <c>api_key</c> (Twilio: a custom parameter, left out when empty, as a
    /// TwiML without the <c>&lt;Parameter&gt;</c> would).
    /// </summary>
    public required string ApiKey { get; init; }

    /// <summary>The Cloudonix domain bearer token, sent as <c>session</c>: what CleanAgent hangs up with. Random by default. Not sent to Twilio calls.</summary>
    public string Session { get; init; } = "sim-" + Guid.NewGuid().ToString("N");

    private readonly string? _accountSid;
    private readonly string _twilioAccountSid = "AC" + Guid.NewGuid().ToString("N");

    /// <summary>
    /// The account: the Cloudonix domain (sent as <c>AccountSid</c>; default <c>simulator</c>) or the Twilio account SID
    /// (default a random <c>AC</c> + 32 hex). Sent in <c>start.accountSid</c> and <c>stop.accountSid</c> either way.
    /// </summary>
    public string AccountSid
    {
        get => _accountSid ?? (Provider == SimulatedProvider.Twilio ? _twilioAccountSid : "simulator");
        init => _accountSid = value;
    }

    /// <summary>The call SID (<c>CA</c> + 32 hex by default), in <c>start.callSid</c>; Cloudonix also sends it as <c>CallSid</c>.</summary>
    public string CallSid { get; init; } = "CA" + Guid.NewGuid().ToString("N");

    /// <summary>
    /// Twilio only: the account's auth token. When set, the upgrade request carries the <c>X-Twilio-Signature</c> Twilio
    /// would send for the stream URL (see <see cref="TwilioSignature"/>). Never printed.
    /// </summary>
    public string? TwilioAuthToken { get; init; }

    /// <summary>Twilio only: sent verbatim as <c>X-Twilio-Signature</c> instead of the one computed from <see cref="TwilioAuthToken"/> (e.g. a wrong one).</summary>
    public string? TwilioSignatureOverride { get; init; }

    /// <summary>Caller number (<c>from</c>), omitted when null.</summary>
    public string? From { get; init; }

    /// <summary>Called number (<c>to</c>), omitted when null.</summary>
    public string? To { get; init; }

    /// <summary>SIP call id (<c>callId</c>), omitted when null.</summary>
    public string? CallId { get; init; }

    /// <summary>
    /// Cloudonix only. True: <c>/api/v1/agent-stream/cloudonix/{agent}</c>. False (default): <c>/api/v1/agent-stream/{agent}?provider=cloudonix</c>.
    /// A Twilio call always names its provider in the path.
    /// </summary>
    public bool ProviderInPath { get; init; }

    /// <summary>
    /// μ-law frames (normally 160 bytes, 20 ms) sent as <c>media</c> one per 20 ms of real time, starting right after
    /// <c>start</c>. Frames are sent on an absolute schedule: a late tick catches up rather than drifting.
    /// </summary>
    public IReadOnlyList<byte[]> OutboundFrames { get; init; } = [];

    /// <summary>DTMF digits to send, each at its offset from <c>start</c>.</summary>
    public IReadOnlyList<(TimeSpan At, char Digit)> Dtmf { get; init; } = [];

    /// <summary>
    /// Arbitrary text frames sent verbatim at their offsets from <c>start</c> — e.g. a malformed frame, an unknown
    /// event — to test how the server copes.
    /// </summary>
    public IReadOnlyList<(TimeSpan At, string Text)> ExtraMessages { get; init; } = [];

    /// <summary>
    /// Raw frames sent as they are (any bytes, text or binary: invalid UTF-8, oversized messages, fuzz), at their offsets
    /// from <c>start</c>, interleaved with <see cref="ExtraMessages"/> in time order.
    /// </summary>
    public IReadOnlyList<(TimeSpan At, byte[] Bytes, System.Net.WebSockets.WebSocketMessageType Type)> RawFrames { get; init; } = [];

    /// <summary>How long to keep listening after the last scheduled frame, digit or extra message before sending <c>stop</c>.</summary>
    public TimeSpan HoldAfterAudio { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>
    /// True (default): the caller hangs up with <c>stop</c> after <see cref="HoldAfterAudio"/>. False: keep listening
    /// until the server closes (the agent ends the call), bounded by <see cref="MaxCallDuration"/>.
    /// </summary>
    public bool SendStop { get; init; } = true;

    /// <summary>Upper bound of a call from <c>start</c>; when it is reached the caller hangs up (or closes, if <see cref="SendStop"/> is false).</summary>
    public TimeSpan MaxCallDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Sent in <c>start.customParameters</c> (an empty object when null). A Twilio call adds <c>api_key</c>, <c>from</c>,
    /// <c>to</c> and <c>callId</c> from the options above, as its TwiML's <c>&lt;Parameter&gt;</c>s would.
    /// </summary>
    public IReadOnlyDictionary<string, string>? CustomParameters { get; init; }

    /// <summary>The options carry secrets (the API key, the Cloudonix token, the Twilio auth token): a printout names the call only.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Provider = {Provider}, ServerBaseAddress = {ServerBaseAddress}, AgentUuid = {AgentUuid}, CallSid = {CallSid}");
        return true;
    }

    /// <summary>What <c>start.customParameters</c> holds for this call.</summary>
    internal IReadOnlyDictionary<string, string> StartCustomParameters()
    {
        var parameters = new Dictionary<string, string>(CustomParameters ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (Provider != SimulatedProvider.Twilio) return parameters;

        if (!string.IsNullOrEmpty(ApiKey)) parameters["api_key"] = ApiKey;
        if (From is not null) parameters["from"] = From;
        if (To is not null) parameters["to"] = To;
        if (CallId is not null) parameters["callId"] = CallId;
        return parameters;
    }

    /// <summary>The <c>X-Twilio-Signature</c> the upgrade request carries, or null for none.</summary>
    internal string? TwilioSignatureHeader(Uri streamUrl) =>
        Provider != SimulatedProvider.Twilio ? null
        : TwilioSignatureOverride ?? (TwilioAuthToken is { } token ? TwilioSignature.For(token, streamUrl) : null);

    /// <summary>
    /// True (default): echo each <c>mark</c> once the audio received before it has "played", and at once on
    /// <c>clear</c>, the way Cloudonix does.
    /// </summary>
    public bool EchoMarks { get; init; } = true;

    /// <summary>
    /// True (default): keep every received payload in <see cref="CallResult.ReceivedFrames"/>. Switch off for load runs:
    /// counts and intervals are still kept.
    /// </summary>
    public bool KeepReceivedAudio { get; init; } = true;

    /// <summary>
    /// How long to wait for the server's close after <c>stop</c> (or after the caller's own close); CleanAgent should
    /// close at once. When it does not, the socket is aborted and the call reports a <see cref="TimeoutException"/>.
    /// </summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// True (default): the agent echoes what it hears (the echo agent), so a sent frame that never came back counts as
    /// lost. False: a conversational agent (a voice agent) that answers with speech of its own; nothing counts as lost.
    /// </summary>
    public bool ExpectEcho { get; init; } = true;

    /// <summary>Upper bound of the WebSocket connect (TCP + upgrade).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
