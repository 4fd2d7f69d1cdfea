namespace CleanAgent.CallSimulator;

/// <summary>Which telephony platform a simulated call imitates: where its parameters travel and how its SIDs look.</summary>
public enum SimulatedProvider
{
    /// <summary>Everything in the Agent Stream URL's query (<c>api_key</c>, <c>session</c>, <c>AccountSid</c>, <c>CallSid</c>, …).</summary>
    Cloudonix,

    /// <summary>
    /// <c>/api/v1/agent-stream/twilio/{agent}</c> with no query string; <c>api_key</c>, <c>from</c>, <c>to</c>, <c>callId</c> in
    /// <c>start.customParameters</c>; <c>AC…</c>/<c>CA…</c>/<c>MZ…</c> SIDs; an <c>X-Twilio-Signature</c> when given the auth token.
    /// </summary>
    Twilio,
}
