namespace CleanAgent.Application.Telephony;

/// <summary>Where a provider delivers the CleanAgent API key and its own call parameters.</summary>
public enum CredentialSource
{
    /// <summary>In the stream URL's query (Cloudonix): the call is admitted before the socket opens.</summary>
    Url,

    /// <summary>In the <c>start</c> message's custom parameters (Twilio accepts no query string): admitted after the handshake.</summary>
    StartMessage,
}
