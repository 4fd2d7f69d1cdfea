using CleanAgent.Domain.Runs;

namespace CleanAgent.Application.Telephony;

/// <summary>
/// One telephony provider's adapter, registered under its name (a keyed service): the wire format its media
/// stream speaks, and how it describes, authenticates and drives each call. Agent Stream runs every provider the
/// same way — accept, handshake, admit, run, end — through this port.
/// </summary>
public interface ITelephonyProvider
{
    /// <summary>The run's mode for this provider's calls: its registered name.</summary>
    CallMode Mode { get; }

    /// <summary>Its media stream's messages: the handshake, media, marks, clear, DTMF, stop.</summary>
    IMediaStreamCodec Codec { get; }

    /// <summary>Reads what the upgrade request says about the call. Nothing is checked yet: admission does that, in the contract's order.</summary>
    IProviderCall Accept(StreamRequest request);
}
