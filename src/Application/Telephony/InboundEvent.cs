namespace CleanAgent.Application.Telephony;

/// <summary>What a provider → CleanAgent message is, once the handshake is done.</summary>
public enum InboundEvent
{
    /// <summary>Valid, but nothing CleanAgent uses (an unknown event, a second <c>start</c>): ignored.</summary>
    Other,
    Media,
    Dtmf,
    Mark,
    Stop,

    /// <summary>Bad JSON, bad base64, or a used event without its required field: counted and skipped.</summary>
    Malformed,
}
