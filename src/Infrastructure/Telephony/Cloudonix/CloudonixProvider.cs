using CleanAgent.Application.Telephony;
using CleanAgent.Domain.Runs;
using CleanAgent.Infrastructure.Telephony.MediaStreamsFraming;

namespace CleanAgent.Infrastructure.Telephony.Cloudonix;

/// <summary>
/// Cloudonix's <c>&lt;Connect&gt;&lt;Stream&gt;</c>: everything arrives in the URL (the API key, the domain bearer
/// token, the domain, the call SID), the media stream speaks the Media Streams framing, and the agent ending a call
/// hangs it up through Cloudonix's REST API (a CXML that goes on after the stream would leave the caller in silence).
/// </summary>
internal sealed class CloudonixProvider(CloudonixHangupClient hangups) : ITelephonyProvider
{
    public const string Name = "cloudonix";

    public CallMode Mode { get; } = CallMode.Of(Name);

    public IMediaStreamCodec Codec => MediaStreamsCodec.Instance;

    public IProviderCall Accept(StreamRequest request) => new CloudonixCall(request.ApiKeyInUrl, CloudonixStreamParameters.Read(request), hangups);
}
