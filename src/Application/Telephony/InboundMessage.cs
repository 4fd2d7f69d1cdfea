namespace CleanAgent.Application.Telephony;

/// <summary>
/// One provider → CleanAgent message after the handshake, as the provider-neutral media session needs it. Media
/// payloads are decoded into the session's buffer, so a message is a handful of values, not an allocation.
/// </summary>
/// <param name="PayloadLength">Bytes of μ-law decoded into the caller's buffer (media).</param>
/// <param name="IsCallerTrack">False for media of another track than the caller's: ignored.</param>
/// <param name="IsOtherStream">The message names another stream than the call's: not this call's to obey.</param>
public readonly record struct InboundMessage(
    InboundEvent Event,
    int PayloadLength = 0,
    bool IsCallerTrack = true,
    char Digit = default,
    string? MarkName = null,
    bool IsOtherStream = false);
