using CleanAgent.Application.Telephony;
using CleanAgent.Domain.Runs;
using CleanAgent.Infrastructure.Telephony.MediaStreamsFraming;
using Microsoft.Extensions.Options;

namespace CleanAgent.Infrastructure.Telephony.Twilio;

/// <summary>
/// Twilio's <c>&lt;Connect&gt;&lt;Stream&gt;</c>: the stream URL carries no query string, so the API key and the
/// caller's numbers come as <c>&lt;Parameter&gt;</c>s in <c>start</c>; the media stream speaks the Media Streams
/// framing Twilio defined; the organization's stored credentials, when it has any, check the request signature and
/// hang calls up through the REST API.
/// </summary>
internal sealed class TwilioProvider(ITelephonyCredentialLookup credentials, TwilioHangupClient hangups, IOptions<TwilioOptions> options) : ITelephonyProvider
{
    public const string Name = "twilio";

    /// <summary>Twilio's runs' mode, also the provider its credentials are stored under.</summary>
    public static CallMode TwilioMode { get; } = CallMode.Of(Name);

    public CallMode Mode => TwilioMode;

    public IMediaStreamCodec Codec => MediaStreamsCodec.Instance;

    public IProviderCall Accept(StreamRequest request) => new TwilioCall(request, SignedUrl(request, options.Value.StreamUrlBase), credentials, hangups);

    /// <summary>
    /// The URL Twilio was given, which it signed: the request's, or — behind a proxy that rewrites the Host — the
    /// configured public base followed by the request's path (and query, though Twilio sends none).
    /// </summary>
    public static Uri SignedUrl(StreamRequest request, Uri? streamUrlBase)
    {
        if (streamUrlBase is null) return request.PublicUrl;
        var prefix = streamUrlBase.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new Uri(prefix + request.PublicUrl.PathAndQuery);
    }
}
