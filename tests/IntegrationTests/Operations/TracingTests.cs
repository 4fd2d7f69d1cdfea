using System.Diagnostics;
using System.Net.WebSockets;
using CleanAgent.Application.Common;
using CleanAgent.CallSimulator;
using CleanAgent.CallSimulator.FakeProviders;
using CleanAgent.Infrastructure.Observability;
using CleanAgent.IntegrationTests.Support;
using CleanAgent.IntegrationTests.Voice;
using CleanAgent.Web.Observability;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace CleanAgent.IntegrationTests.Operations;

/// <summary>
/// Traces on a real host, exported to OpenTelemetry's in-memory exporter through the server's own tracing setup: a
/// voice call through the fake providers that the agent ends (so it hangs up at the fake Cloudonix) is one trace —
/// ASP.NET Core's request span, the call's span with its run name, the admission use cases, the handshake, the turns
/// with their STT/LLM/TTS stages, the hang-up — and a refused call still leaves its span with the close code. No span
/// carries a key, a token or a phone number, also with the library's own query redaction turned off.
/// </summary>
public sealed class TracingTests(TracingTests.TracedVoiceFixture fixture) : IClassFixture<TracingTests.TracedVoiceFixture>
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task AVoiceCall_IsOneTrace_WithItsAdmission_Handshake_Turns_AndHangup_AndNoSecretOrNumber()
    {
        var openAi = fixture.OpenAi;
        openAi.Reset();
        openAi.EnqueueTranscription("I have a question about invoice 42.");
        openAi.EnqueueChatReply(FakeChatReply.ToolCall("call_1", "billing_question", "{}"));
        openAi.EnqueueChatReply(FakeChatReply.Text("Invoice 42 is paid.").ThenToolCall("call_2", "done", "{}"));
        openAi.EnqueueStructuredReply(FakeChatReply.Text("""{"invoice_number": "42"}"""));
        openAi.EnqueueChatReply(FakeChatReply.Text("Thank you for calling. Goodbye."));
        var tenant = await fixture.VoiceTenantAsync();
        var placed = fixture.CallTo(tenant) with
        {
            Session = "cx-trace-token-" + Guid.NewGuid().ToString("N"),
            OutboundFrames = VoiceCallFixture.Says(2 * Second, Second, 12 * Second),
            SendStop = false,
            HoldAfterAudio = TimeSpan.FromMilliseconds(200),
            MaxCallDuration = TimeSpan.FromSeconds(25),
        };

        var result = await SimulatedCall.RunAsync(placed, TestContext.Current.CancellationToken);

        Assert.Null(result.Error);
        var run = await fixture.EndedRunAsync(tenant);
        Assert.Equal("agent_ended", run.EndReason?.Code);
        Assert.NotNull(await fixture.WaitForHangupAsync(placed));
        // The call's span ends last of ours; its request span (its parent) just after.
        var call = await Eventually.Until(
            () => Task.FromResult(fixture.Spans.Snapshot().SingleOrDefault(s => s.OperationName == CallTracing.CallSpan && Tag(s, CallTracing.RunNameAttribute) == run.Name)),
            span => span is not null && fixture.Spans.Snapshot().Any(s => s.SpanId == span.ParentSpanId));
        // The fake providers are Kestrel apps in this process: the trace context the server's HTTP clients send them
        // puts their request spans in the trace too (under client spans nobody records). They are not the server's.
        var request = Assert.Single(fixture.Spans.Snapshot(), s => s.SpanId == call!.ParentSpanId);
        var trace = fixture.Spans.Snapshot().Where(s => s.TraceId == call!.TraceId && (s.Kind != ActivityKind.Server || s == request)).ToList();
        AssertNoSecretOrNumber(fixture.Spans.Snapshot(), tenant.ApiKey.Value, placed.Session, VoiceCallFixture.LlmKey, VoiceCallFixture.SttKey,
            VoiceCallFixture.TtsKey, "+15550001111", "15550001111", "+15550002222", "15550002222");

        // One trace, one tree: ASP.NET Core's request span at the root, every other span's parent in the same trace.
        Assert.Equal(ActivityKind.Server, request.Kind);
        Assert.Equal(default, request.ParentSpanId);
        Assert.All(trace.Where(s => s != request), s => Assert.Contains(trace, p => p.SpanId == s.ParentSpanId));
        Assert.Null(Tag(request, "url.query"));

        Assert.Equal("cloudonix", Tag(call!, CallTracing.ProviderAttribute));
        Assert.Equal("voice", Tag(call!, CallTracing.AgentKindAttribute));
        Assert.Equal(tenant.AgentUuid.ToString(), Tag(call!, CallTracing.AgentUuidAttribute));
        Assert.Equal("agent_ended", Tag(call!, CallTracing.EndReasonAttribute));
        Assert.Equal("1000", Tag(call!, CallTracing.CloseCodeAttribute));

        foreach (var useCase in new[] { "AuthenticateApiKey", "ResolveWorkflow", "CheckQuota", "StartWorkflowRun", "EndWorkflowRun" })
        {
            var span = Assert.Single(trace, s => s.OperationName == useCase);
            Assert.Equal(call!.SpanId, span.ParentSpanId);
            Assert.Equal(ActivityStatusCode.Unset, span.Status);
        }

        Assert.Equal(call!.SpanId, Assert.Single(trace, s => s.OperationName == CallTracing.HandshakeSpan).ParentSpanId);
        var hangup = Assert.Single(trace, s => s.OperationName == CallTracing.HangupSpan);
        Assert.Equal(call!.SpanId, hangup.ParentSpanId);
        Assert.Equal(("cloudonix", "ok"), (Tag(hangup, CallTracing.ProviderAttribute), Tag(hangup, CallTracing.HangupResultAttribute)));

        // Each turn's stages are its children: the greeting is spoken (TTS); the caller's question is transcribed (STT),
        // answered (LLM, three times as the graph moves on to its end node) and spoken.
        var turns = trace.Where(s => s.OperationName == CallTracing.TurnSpan).ToList();
        Assert.All(turns, t => Assert.Equal(call!.SpanId, t.ParentSpanId));
        Assert.Equal(["opening", "caller_utterance"], turns.OrderBy(t => t.StartTimeUtc).Select(t => Tag(t, CallTracing.TurnKindAttribute)));
        var answered = turns.Single(t => Tag(t, CallTracing.TurnKindAttribute) == "caller_utterance");
        Assert.Single(trace, s => s.OperationName == CallTracing.SpeechToTextSpan && s.ParentSpanId == answered.SpanId);
        Assert.Equal(3, trace.Count(s => s.OperationName == CallTracing.LlmSpan && s.ParentSpanId == answered.SpanId));
        Assert.True(trace.Count(s => s.OperationName == CallTracing.TextToSpeechSpan && s.ParentSpanId == answered.SpanId) >= 4);
        Assert.Contains(trace, s => s.OperationName == CallTracing.TextToSpeechSpan && s.ParentSpanId == turns.Single(t => t != answered).SpanId);
        Assert.All(trace.Where(s => s.OperationName.StartsWith("voice.", StringComparison.Ordinal) && s.OperationName != CallTracing.TurnSpan),
            s => Assert.Equal(fixture.OpenAi.BaseUrl.Host, Tag(s, CallTracing.ServerAddressAttribute)));
    }

    [Fact]
    public async Task ARefusedCall_StillLeavesItsSpan_WithTheCloseCode_AndNoKey()
    {
        var tenant = await fixture.VoiceTenantAsync();
        var badKey = "dg_not-a-key-" + Guid.NewGuid().ToString("N");
        var placed = fixture.CallTo(tenant) with { ApiKey = badKey };
        // The platform's trace context, as a traced platform would send it: the call's spans join that trace.
        var traceId = ActivityTraceId.CreateRandom();
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await socket.ConnectAsync(AgentStreamUrl.For(placed), timeout.Token);
        var received = await socket.ReceiveAsync(new byte[1024], timeout.Token);
        Assert.Equal(WebSocketMessageType.Close, received.MessageType);
        Assert.Equal(1008, (int)received.CloseStatus!.Value);

        var call = await Eventually.Until(
            () => Task.FromResult(fixture.Spans.Snapshot().SingleOrDefault(s => s.TraceId == traceId && s.OperationName == CallTracing.CallSpan)),
            span => span is not null);
        // Its request span (ends just after it) is the one that would show the URL's query string, key and token.
        var request = await Eventually.Until(
            () => Task.FromResult(fixture.Spans.Snapshot().SingleOrDefault(s => s.SpanId == call!.ParentSpanId)),
            span => span is not null);
        AssertNoSecretOrNumber(fixture.Spans.Snapshot(), badKey, placed.Session, "+15550001111", "15550001111");
        Assert.Null(Tag(request!, "url.query"));
        Assert.Equal("1008", Tag(call!, CallTracing.CloseCodeAttribute));
        Assert.Null(Tag(call!, CallTracing.RunNameAttribute)); // a bad key leaves no run
        var authenticate = await Eventually.Until(
            () => Task.FromResult(fixture.Spans.Snapshot().SingleOrDefault(s => s.TraceId == traceId && s.OperationName == "AuthenticateApiKey")),
            span => span is not null);
        Assert.Equal(call!.SpanId, authenticate!.ParentSpanId);
        Assert.Equal(ActivityStatusCode.Error, authenticate.Status);
        Assert.Equal("Unauthorized", Tag(authenticate, "error.type"));
        Assert.DoesNotContain(fixture.Spans.Snapshot(), s => s.TraceId == traceId && s.OperationName == "ResolveWorkflow");
    }

    /// <summary>Nothing a span shows — names, attributes, events, status, trace state, baggage — holds any of <paramref name="forbidden"/>.</summary>
    private static void AssertNoSecretOrNumber(IReadOnlyList<Activity> spans, params string[] forbidden)
    {
        Assert.NotEmpty(spans);
        foreach (var span in spans)
        {
            var shown = new List<string?> { span.OperationName, span.DisplayName, span.StatusDescription, span.TraceStateString };
            shown.AddRange(span.TagObjects.SelectMany(t => new[] { t.Key, t.Value?.ToString() }));
            shown.AddRange(span.Events.SelectMany(e => e.Tags.Select(t => t.Value?.ToString()).Append(e.Name)));
            shown.AddRange(span.Baggage.SelectMany(b => new[] { b.Key, b.Value }));
            foreach (var text in shown.OfType<string>())
                foreach (var secret in forbidden)
                    Assert.False(text.Contains(secret, StringComparison.Ordinal), $"span {span.OperationName} shows '{secret}' in: {text}");
        }
    }

    private static string? Tag(Activity span, string name) => span.GetTagItem(name)?.ToString();

    /// <summary>
    /// The voice fixture's host (real voice agent, fake OpenAI, fake Cloudonix) tracing through the server's own setup
    /// (<see cref="TelemetryRegistration.AddCallTracing"/>) into an in-memory exporter. The library's query redaction is
    /// turned off, as an environment variable can do in production: the query must stay out of the spans all the same.
    /// </summary>
    public sealed class TracedVoiceFixture : VoiceCallFixture
    {
        public ExportedSpanCollection Spans { get; } = new();

        protected override IReadOnlyDictionary<string, string> VoiceSettings => new Dictionary<string, string>(base.VoiceSettings)
        {
            ["OTEL_DOTNET_EXPERIMENTAL_ASPNETCORE_DISABLE_URL_QUERY_REDACTION"] = "true",
        };

        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddOpenTelemetry().WithTracing(tracing => tracing.AddCallTracing().AddInMemoryExporter(Spans));
    }

    /// <summary>
    /// What the exporter hands over, safe to read while it adds. The process's activity sources are global: the spans
    /// of other test classes' hosts arrive here too, so tests pick their own by run name or trace id.
    /// </summary>
    public sealed class ExportedSpanCollection : ICollection<Activity>
    {
        private readonly List<Activity> _spans = [];
        private readonly Lock _gate = new();

        public int Count
        {
            get
            {
                lock (_gate) return _spans.Count;
            }
        }

        public bool IsReadOnly => false;

        public IReadOnlyList<Activity> Snapshot()
        {
            lock (_gate) return [.. _spans];
        }

        public void Add(Activity item)
        {
            lock (_gate) _spans.Add(item);
        }

        public void Clear()
        {
            lock (_gate) _spans.Clear();
        }

        public bool Contains(Activity item)
        {
            lock (_gate) return _spans.Contains(item);
        }

        public void CopyTo(Activity[] array, int arrayIndex)
        {
            lock (_gate) _spans.CopyTo(array, arrayIndex);
        }

        public bool Remove(Activity item)
        {
            lock (_gate) return _spans.Remove(item);
        }

        public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
