using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CleanAgent.CallSimulator.FakeProviders;

/// <summary>
/// A real HTTP server (Kestrel on 127.0.0.1) that speaks the OpenAI API the voice pipeline uses — streamed chat
/// completions with tool calls, <c>audio/transcriptions</c>, <c>audio/speech</c> as streamed 24 kHz PCM — answering
/// from a script the test controls and recording every request. Configure <see cref="BaseUrl"/> as the provider base URL.
/// </summary>
/// <remarks>
/// Scripting: <see cref="EnqueueChatReply"/>, <see cref="EnqueueTranscription"/> and <see cref="FailNext"/> queue the
/// next answers; with nothing queued each endpoint answers its default (<see cref="DefaultChatReply"/>,
/// <see cref="DefaultTranscription"/>, speech whose length is proportional to the text) at once — the "instant" mode a
/// load run wants. <see cref="ResponseDelay"/> adds a latency before every answer for more realistic runs.
/// </remarks>
public sealed class FakeOpenAiApi : IAsyncDisposable
{
    /// <summary>The size of each streamed speech chunk: odd, so chunks split samples and clients must carry the half.</summary>
    public const int SpeechChunkBytes = 4801;

    /// <summary>The rate of <c>response_format: "pcm"</c>.</summary>
    public const int SpeechRate = 24000;

    private readonly Lock _gate = new();
    private readonly Queue<FakeChatReply> _chatReplies = new();
    private readonly Queue<FakeChatReply> _structuredReplies = new();
    private readonly Queue<(FakeFault Fault, string Text)> _transcriptions = new();
    private readonly Dictionary<FakeOpenAiEndpoint, Queue<FakeFault>> _faults = new()
    {
        [FakeOpenAiEndpoint.ChatCompletions] = new(),
        [FakeOpenAiEndpoint.Transcriptions] = new(),
        [FakeOpenAiEndpoint.Speech] = new(),
    };
    private readonly List<RecordedChatRequest> _chatRequests = [];
    private readonly List<RecordedTranscription> _transcriptionRequests = [];
    private readonly List<RecordedSpeechRequest> _speechRequests = [];
    private readonly List<SpeechHold> _allHolds = [];
    private readonly Dictionary<int, byte[]> _speechByLength = [];
    private SpeechHold? _speechHold;
    private WebApplication? _app;
    private int _completionIds;

    private FakeOpenAiApi() { }

    /// <summary>Where the fake listens, e.g. <c>http://127.0.0.1:5099/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The OpenAI-style base URL (<c>…/v1</c>) to configure as <c>Voice:Llm:BaseUrl</c>, <c>Voice:Stt:BaseUrl</c>, <c>Voice:Tts:BaseUrl</c>.</summary>
    public Uri BaseUrl => new(BaseAddress, "v1");

    /// <summary>The chat reply when none is queued.</summary>
    public FakeChatReply DefaultChatReply { get; set; } = FakeChatReply.Text("Okay.");

    /// <summary>The transcript when none is queued.</summary>
    public string DefaultTranscription { get; set; } = "Hello.";

    /// <summary>Latency before the first byte of every answer (zero: instant).</summary>
    public TimeSpan ResponseDelay { get; set; }

    /// <summary>Pause between streamed speech chunks (zero: as fast as the socket takes them), for a provider that synthesises as it goes.</summary>
    public TimeSpan SpeechChunkDelay { get; set; }

    /// <summary>How long <see cref="FakeFault.SlowFirstByte"/> waits.</summary>
    public TimeSpan SlowFirstByteDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Every chat-completions request so far, in arrival order.</summary>
    public IReadOnlyList<RecordedChatRequest> ChatRequests
    {
        get
        {
            lock (_gate) return [.. _chatRequests];
        }
    }

    /// <summary>Every transcription request so far.</summary>
    public IReadOnlyList<RecordedTranscription> Transcriptions
    {
        get
        {
            lock (_gate) return [.. _transcriptionRequests];
        }
    }

    /// <summary>Every speech request so far.</summary>
    public IReadOnlyList<RecordedSpeechRequest> SpeechRequests
    {
        get
        {
            lock (_gate) return [.. _speechRequests];
        }
    }

    /// <summary>Starts the fake on 127.0.0.1:<paramref name="port"/> (0: any free port).</summary>
    public static async Task<FakeOpenAiApi> StartAsync(int port = 0)
    {
        var api = new FakeOpenAiApi();
        var app = FakeServerHost.Build(port);
        app.MapPost("/v1/chat/completions", (RequestDelegate)api.HandleChatAsync);
        app.MapPost("/v1/audio/transcriptions", (RequestDelegate)api.HandleTranscriptionAsync);
        app.MapPost("/v1/audio/speech", (RequestDelegate)api.HandleSpeechAsync);
        api.BaseAddress = await FakeServerHost.StartAsync(app);
        api._app = app;
        return api;
    }

    /// <summary>Queues the answer to the next chat completion.</summary>
    public void EnqueueChatReply(FakeChatReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        lock (_gate) _chatReplies.Enqueue(reply);
    }

    /// <summary>
    /// Queues the answer to the next chat completion that asks for structured output (<c>response_format</c>, as a
    /// node's variable extraction does). Such requests run beside the conversation's own, so they get answers of their
    /// own: with one queue, whichever of the two arrived first would take the other's answer.
    /// </summary>
    public void EnqueueStructuredReply(FakeChatReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        lock (_gate) _structuredReplies.Enqueue(reply);
    }

    /// <summary>Queues the transcript of the next transcription request.</summary>
    public void EnqueueTranscription(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (_gate) _transcriptions.Enqueue((FakeFault.None, text));
    }

    /// <summary>Makes the next <paramref name="count"/> requests to <paramref name="endpoint"/> fail as <paramref name="fault"/> (still recorded).</summary>
    public void FailNext(FakeOpenAiEndpoint endpoint, FakeFault fault, int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            for (var i = 0; i < count; i++) _faults[endpoint].Enqueue(fault);
        }
    }

    /// <summary>Forgets every queued answer, injected fault and recorded request (between tests that share the fake).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _chatReplies.Clear();
            _structuredReplies.Clear();
            _transcriptions.Clear();
            foreach (var faults in _faults.Values) faults.Clear();
            _chatRequests.Clear();
            _transcriptionRequests.Clear();
            _speechRequests.Clear();
            foreach (var hold in _allHolds) hold.Release();
            _speechHold = null;
        }
    }

    /// <summary>Holds the next speech answer after its first chunk until the returned hold is released.</summary>
    public SpeechHold HoldNextSpeech()
    {
        var hold = new SpeechHold();
        lock (_gate)
        {
            _speechHold = hold;
            _allHolds.Add(hold);
        }

        return hold;
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_app is null) return;
        lock (_gate)
        {
            // A test that never released its hold must not stall the shutdown.
            foreach (var hold in _allHolds) hold.Release();
        }

        // Bounded: a client that keeps a connection open cannot hold the test up.
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
        _app = null;
    }

    private FakeFault NextFault(FakeOpenAiEndpoint endpoint)
    {
        lock (_gate) return _faults[endpoint].TryDequeue(out var fault) ? fault : FakeFault.None;
    }

    /// <summary>Applies the latency and the faults that happen before any byte; true when the request is answered already.</summary>
    private async Task<bool> AnsweredByFaultAsync(HttpContext context, FakeFault fault)
    {
        var aborted = context.RequestAborted;
        if (ResponseDelay > TimeSpan.Zero) await Task.Delay(ResponseDelay, aborted);
        switch (fault)
        {
            case FakeFault.Hang:
                await Task.Delay(Timeout.Infinite, aborted);
                return true;
            case FakeFault.SlowFirstByte:
                await Task.Delay(SlowFirstByteDelay, aborted);
                return false;
            case FakeFault.ServerError:
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("""{"error":{"message":"The fake was told to fail.","type":"server_error"}}""", aborted);
                return true;
            default:
                return false;
        }
    }

    private async Task HandleChatAsync(HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync(context.RequestAborted);
        var request = ParseChatRequest(body, Authorization(context));
        FakeChatReply reply;
        lock (_gate)
        {
            _chatRequests.Add(request);
            var structured = body.Contains("\"response_format\"", StringComparison.Ordinal);
            reply = structured && _structuredReplies.TryDequeue(out var answer) ? answer
                : _chatReplies.TryDequeue(out var queued) ? queued : DefaultChatReply;
        }

        var fault = NextFault(FakeOpenAiEndpoint.ChatCompletions);
        if (fault == FakeFault.None) fault = reply.Fault;
        try
        {
            if (await AnsweredByFaultAsync(context, fault)) return;
            var id = $"chatcmpl-fake{Interlocked.Increment(ref _completionIds)}";
            var model = request.Model ?? "fake-model";
            if (request.Stream) await StreamChatAsync(context, reply, fault, id, model);
            else await AnswerChatAsync(context, reply, fault, id, model);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (its timeout): nothing more to send.
        }
    }

    private static async Task StreamChatAsync(HttpContext context, FakeChatReply reply, FakeFault fault, string id, string model)
    {
        var aborted = context.RequestAborted;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";

        async Task Send(JsonObject chunk)
        {
            await context.Response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n", aborted);
            await context.Response.Body.FlushAsync(aborted);
        }

        JsonObject Chunk(JsonObject delta, string? finishReason) => new()
        {
            ["id"] = id,
            ["object"] = "chat.completion.chunk",
            ["created"] = 1_700_000_000,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason }),
        };

        if (fault == FakeFault.MalformedBody)
        {
            await context.Response.WriteAsync("data: {\"id\": \"broken\", \"choices\": [\n\n", aborted);
            await context.Response.WriteAsync("data: [DONE]\n\n", aborted);
            return;
        }

        await Send(Chunk(new JsonObject { ["role"] = "assistant", ["content"] = "" }, null));
        if (fault != FakeFault.Empty)
        {
            foreach (var delta in reply.TextDeltas) await Send(Chunk(new JsonObject { ["content"] = delta }, null));
            for (var index = 0; index < reply.ToolCalls.Count; index++)
            {
                var call = reply.ToolCalls[index];
                await Send(Chunk(ToolCallDelta(new JsonObject { ["index"] = index, ["id"] = call.Id, ["type"] = "function", ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = "" } }), null));
                foreach (var part in call.ArgumentParts)
                    await Send(Chunk(ToolCallDelta(new JsonObject { ["index"] = index, ["function"] = new JsonObject { ["arguments"] = part } }), null));
            }
        }

        await Send(Chunk(new JsonObject(), reply.ToolCalls.Count > 0 && fault != FakeFault.Empty ? "tool_calls" : "stop"));
        await Send(new JsonObject
        {
            ["id"] = id,
            ["object"] = "chat.completion.chunk",
            ["created"] = 1_700_000_000,
            ["model"] = model,
            ["choices"] = new JsonArray(),
            ["usage"] = Usage(reply),
        });
        await context.Response.WriteAsync("data: [DONE]\n\n", aborted);
    }

    /// <summary>One piece of a tool call; the client joins the pieces by their <c>index</c>.</summary>
    private static JsonObject ToolCallDelta(JsonObject call) => new() { ["tool_calls"] = new JsonArray(call) };

    private static async Task AnswerChatAsync(HttpContext context, FakeChatReply reply, FakeFault fault, string id, string model)
    {
        context.Response.ContentType = "application/json";
        if (fault == FakeFault.MalformedBody)
        {
            await context.Response.WriteAsync("{\"choices\": \"not an array\"", context.RequestAborted);
            return;
        }

        var empty = fault == FakeFault.Empty;
        var message = new JsonObject { ["role"] = "assistant", ["content"] = empty ? "" : string.Concat(reply.TextDeltas) };
        if (!empty && reply.ToolCalls.Count > 0)
        {
            message["tool_calls"] = new JsonArray([.. reply.ToolCalls.Select(c => (JsonNode)new JsonObject
            {
                ["id"] = c.Id,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = c.Name, ["arguments"] = c.Arguments },
            })]);
        }

        var completion = new JsonObject
        {
            ["id"] = id,
            ["object"] = "chat.completion",
            ["created"] = 1_700_000_000,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = message,
                ["finish_reason"] = !empty && reply.ToolCalls.Count > 0 ? "tool_calls" : "stop",
            }),
            ["usage"] = Usage(reply),
        };
        await context.Response.WriteAsync(completion.ToJsonString(), context.RequestAborted);
    }

    private static JsonObject Usage(FakeChatReply reply) => new()
    {
        ["prompt_tokens"] = reply.PromptTokens,
        ["completion_tokens"] = reply.CompletionTokens,
        ["total_tokens"] = reply.PromptTokens + reply.CompletionTokens,
    };

    private async Task HandleTranscriptionAsync(HttpContext context)
    {
        var aborted = context.RequestAborted;
        var form = await context.Request.ReadFormAsync(aborted);
        var file = form.Files.GetFile("file");
        byte[] wav = [];
        if (file is not null)
        {
            using var copy = new MemoryStream();
            await file.CopyToAsync(copy, aborted);
            wav = copy.ToArray();
        }

        var recorded = new RecordedTranscription(
            Authorization(context),
            form.ToDictionary(f => f.Key, f => f.Value.ToString()),
            file?.FileName,
            file?.ContentType,
            wav);

        FakeFault fault;
        string text;
        lock (_gate)
        {
            _transcriptionRequests.Add(recorded);
            (fault, text) = _transcriptions.TryDequeue(out var queued) ? queued : (FakeFault.None, DefaultTranscription);
        }

        var injected = NextFault(FakeOpenAiEndpoint.Transcriptions);
        if (injected != FakeFault.None) fault = injected;
        try
        {
            if (await AnsweredByFaultAsync(context, fault)) return;
            context.Response.ContentType = "application/json";
            var answer = fault switch
            {
                FakeFault.Empty => """{"text":""}""",
                FakeFault.MalformedBody => """{"text": 42}""",
                _ => new JsonObject { ["text"] = text }.ToJsonString(),
            };
            await context.Response.WriteAsync(answer, aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
        }
    }

    private async Task HandleSpeechAsync(HttpContext context)
    {
        var aborted = context.RequestAborted;
        var body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync(aborted);
        var request = ParseSpeechRequest(body, Authorization(context));
        SpeechHold? hold;
        lock (_gate)
        {
            _speechRequests.Add(request);
            hold = _speechHold;
            _speechHold = null;
        }

        var fault = NextFault(FakeOpenAiEndpoint.Speech);
        try
        {
            if (await AnsweredByFaultAsync(context, fault)) return;
            context.Response.ContentType = "audio/pcm";
            if (fault is FakeFault.Empty or FakeFault.MalformedBody)
            {
                await context.Response.Body.FlushAsync(aborted);
                return;
            }

            var bytes = SpeechBytes((request.Input ?? string.Empty).Length);

            for (var offset = 0; offset < bytes.Length; offset += SpeechChunkBytes)
            {
                var count = Math.Min(SpeechChunkBytes, bytes.Length - offset);
                await context.Response.Body.WriteAsync(bytes.AsMemory(offset, count), aborted);
                await context.Response.Body.FlushAsync(aborted);
                if (offset == 0 && hold is not null)
                {
                    hold.OnFirstChunkSent();
                    await hold.WaitForReleaseAsync(aborted);
                }

                if (SpeechChunkDelay > TimeSpan.Zero) await Task.Delay(SpeechChunkDelay, aborted);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// The speech for a text of <paramref name="characters"/> characters (it depends on the length alone), made once:
    /// synthesising the signal costs milliseconds of CPU, which an "instant" provider under load must not spend per request.
    /// </summary>
    private byte[] SpeechBytes(int characters)
    {
        lock (_gate)
        {
            if (_speechByLength.TryGetValue(characters, out var cached)) return cached;
        }

        var pcm = SpeechLikeSignal.Generate(SpeechRate, SpeechLikeSignal.DurationFor(new string('x', characters)), seed: characters);
        var bytes = new byte[pcm.Length * 2];
        for (var i = 0; i < pcm.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), pcm[i]);
        lock (_gate)
        {
            if (_speechByLength.Count < 1024) _speechByLength[characters] = bytes;
        }

        return bytes;
    }

    private static string? Authorization(HttpContext context) =>
        context.Request.Headers.Authorization.Count > 0 ? context.Request.Headers.Authorization.ToString() : null;

    private static RecordedChatRequest ParseChatRequest(string body, string? authorization)
    {
        try
        {
            var root = JsonNode.Parse(body)?.AsObject();
            if (root is null) return new RecordedChatRequest(authorization, null, false, null, [], [], body);
            var messages = new List<(string, string)>();
            string? system = null;
            foreach (var node in root["messages"]?.AsArray() ?? [])
            {
                var role = node?["role"]?.GetValue<string>() ?? "?";
                var content = TextOf(node?["content"]);
                if (node?["tool_calls"] is JsonArray calls)
                    content += string.Concat(calls.Select(c => $"[{c?["function"]?["name"]}({c?["function"]?["arguments"]})]"));
                if (system is null && role is "system" or "developer") system = content;
                messages.Add((role, content));
            }

            var tools = (root["tools"]?.AsArray() ?? []).Select(t => t?["function"]?["name"]?.GetValue<string>() ?? "?").ToList();
            var stream = root["stream"] is JsonValue s && s.TryGetValue<bool>(out var isStream) && isStream;
            return new RecordedChatRequest(authorization, root["model"]?.GetValue<string>(), stream, system, messages, tools, body);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return new RecordedChatRequest(authorization, null, false, null, [], [], body);
        }
    }

    /// <summary>Message content is a string, or an array of parts of which the text ones count.</summary>
    private static string TextOf(JsonNode? content) => content switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>() ?? string.Empty)),
        _ => string.Empty,
    };

    private static RecordedSpeechRequest ParseSpeechRequest(string body, string? authorization)
    {
        try
        {
            var root = JsonNode.Parse(body)?.AsObject();
            string? Field(string name) => root?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            return new RecordedSpeechRequest(authorization, Field("model"), Field("voice"), Field("input"), Field("response_format"));
        }
        catch (JsonException)
        {
            return new RecordedSpeechRequest(authorization, null, null, null, null);
        }
    }
}
