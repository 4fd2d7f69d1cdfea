using System.Diagnostics;
using System.Net.WebSockets;

namespace CleanAgent.Infrastructure.Observability;

/// <summary>
/// The server's own spans (activity source <c>CleanAgent</c>), one trace per call: the Agent Stream call (the root of
/// ours, under ASP.NET Core's request span), its use cases, the handshake, each voice-agent turn with its STT, LLM and
/// TTS stages, and the hang-up. A span exists only when a listener samples it — a tracer provider is built only when
/// an exporter is configured — so with nobody listening every call site costs a null check. Names and attributes are
/// bounded and never carry a secret or a phone number: run names, providers, agent kinds, close codes, end reasons,
/// error kinds; never a key, a token, the stream URL or a number.
/// </summary>
public static class CallTracing
{
    /// <summary>The activity source; the use-case spans of Application come under the same name.</summary>
    public const string SourceName = "CleanAgent";

    public const string CallSpan = "agent_stream.call";
    public const string HandshakeSpan = "agent_stream.handshake";
    public const string TurnSpan = "voice.turn";
    public const string SpeechToTextSpan = "voice.stt";
    public const string LlmSpan = "voice.llm";
    public const string TextToSpeechSpan = "voice.tts";
    public const string HangupSpan = "telephony.hangup";

    public const string RunNameAttribute = "cleanagent.run.name";
    public const string ProviderAttribute = "cleanagent.provider";
    public const string AgentKindAttribute = "cleanagent.agent.kind";
    public const string AgentUuidAttribute = "cleanagent.agent.uuid";
    public const string OrganizationAttribute = "cleanagent.organization.id";
    public const string CloseCodeAttribute = "cleanagent.close_code";
    public const string EndReasonAttribute = "cleanagent.end_reason";
    public const string TurnKindAttribute = "cleanagent.turn.kind";
    public const string TurnInterruptedAttribute = "cleanagent.turn.interrupted";
    public const string HangupResultAttribute = "cleanagent.hangup.result";

    /// <summary>The host of a voice stage's provider (never its URL, which may carry credentials).</summary>
    public const string ServerAddressAttribute = "server.address";

    /// <summary>What went wrong, as a kind (an error kind, an exception type), never a message.</summary>
    public const string ErrorTypeAttribute = "error.type";

    private static readonly ActivitySource Source = new(SourceName);

    public static Activity? StartCall() => Source.StartActivity(CallSpan);

    public static Activity? StartHandshake() => Source.StartActivity(HandshakeSpan);

    public static Activity? StartTurn(string kind) => Source.StartActivity(TurnSpan)?.SetTag(TurnKindAttribute, kind);

    /// <param name="name"><see cref="SpeechToTextSpan"/>, <see cref="LlmSpan"/> or <see cref="TextToSpeechSpan"/>.</param>
    /// <param name="providerHost">The provider's host name, e.g. <c>api.openai.com</c>.</param>
    public static Activity? StartStage(string name, string providerHost) => Source.StartActivity(name)?.SetTag(ServerAddressAttribute, providerHost);

    public static Activity? StartHangup(string provider) => Source.StartActivity(HangupSpan)?.SetTag(ProviderAttribute, provider);

    public static void HangupEnded(Activity? span, bool succeeded)
    {
        if (span is null) return;
        span.SetTag(HangupResultAttribute, succeeded ? "ok" : "failed");
        if (!succeeded) span.SetStatus(ActivityStatusCode.Error);
    }

    /// <summary>
    /// The close code on the span of the flow that closes a call's socket — the call's own (every close goes through
    /// <c>BoundedClose</c>, on the call's flow, never on a turn's).
    /// </summary>
    public static void SocketClosing(WebSocketCloseStatus status) => Activity.Current?.SetTag(CloseCodeAttribute, (int)status);

    /// <summary>A failed step: status error, with what kind of failure it was (never a message, which may quote input).</summary>
    public static void Failed(Activity? span, string errorType)
    {
        if (span is null) return;
        span.SetStatus(ActivityStatusCode.Error);
        span.SetTag(ErrorTypeAttribute, errorType);
    }
}
