using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using CleanAgent.CallSimulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebSockets;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAgent.IntegrationTests.Simulator;

/// <summary>How the stand-in agent behaves on a call.</summary>
public sealed record EchoAgentBehaviour
{
    /// <summary>Echo every inbound media payload back as a server <c>media</c> message.</summary>
    public bool Echo { get; init; } = true;

    /// <summary>Send a mark named <c>m{n}</c> after every this many echoed frames (0: never).</summary>
    public int MarkEveryFrames { get; init; } = 10;

    /// <summary>Close with <c>1000</c> ("agent ended") once this many media frames have arrived.</summary>
    public int? EndCallAfterFrames { get; init; }

    /// <summary>Accept the socket and close it at once with this code, as a refused admission does.</summary>
    public int? RejectWith { get; init; }

    /// <summary>On <c>start</c>, send this many tone frames at once (faster than real time) followed by a mark named <c>burst</c>.</summary>
    public int BurstFrames { get; init; }

    /// <summary>Send <c>clear</c> this long after the burst (null: never).</summary>
    public TimeSpan? ClearAfterBurst { get; init; }

    /// <summary>Never close on <c>stop</c> (a server that stalls the close).</summary>
    public bool IgnoreStop { get; init; }
}

/// <summary>What the stand-in agent saw on one call.</summary>
public sealed class EchoAgentCall
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public required string Path { get; init; }
    public required IReadOnlyDictionary<string, string> Query { get; init; }
    public ConcurrentQueue<string> Messages { get; } = new();
    public ConcurrentQueue<TimeSpan> MediaArrivals { get; } = new();
    public ConcurrentQueue<char> Digits { get; } = new();
    public ConcurrentQueue<(string Name, TimeSpan At)> MarksSent { get; } = new();
    public ConcurrentQueue<(string Name, TimeSpan At)> MarkEchoes { get; } = new();
    public TimeSpan? ClearSentAt { get; set; }
    public TaskCompletionSource Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TimeSpan Now => _clock.Elapsed;

    /// <summary>Received messages of one event, parsed.</summary>
    public IReadOnlyList<JsonElement> Events(string name) =>
        [.. Messages.Select(TryParse).Where(e => e is { } el && el.TryGetProperty("event", out var ev) && ev.GetString() == name).Select(e => e!.Value)];

    private static JsonElement? TryParse(string text)
    {
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>
/// A tiny Kestrel WebSocket server that plays a CleanAgent echo agent at <c>/api/v1/agent-stream/{id}</c> (and the
/// provider-in-path form): reads <c>connected</c>/<c>start</c>, echoes media, sends marks, closes <c>1000</c> on <c>stop</c>.
/// It only exists to test the simulator itself.
/// </summary>
public sealed class EchoAgentServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EchoAgentBehaviour _behaviour;

    private EchoAgentServer(WebApplication app, EchoAgentBehaviour behaviour)
    {
        _app = app;
        _behaviour = behaviour;
    }

    public ConcurrentQueue<EchoAgentCall> Calls { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<EchoAgentServer> StartAsync(EchoAgentBehaviour? behaviour = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        builder.Services.AddWebSockets(_ => { });
        var app = builder.Build();
        var server = new EchoAgentServer(app, behaviour ?? new EchoAgentBehaviour());
        app.UseWebSockets();
        app.Map("/api/v1/agent-stream/{id}", (RequestDelegate)server.HandleAsync);
        app.Map("/api/v1/agent-stream/{provider}/{id}", (RequestDelegate)server.HandleAsync);
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return server;
    }

    public EchoAgentCall SingleCall() => Assert.Single(Calls);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var call = new EchoAgentCall
        {
            Path = context.Request.Path.Value!,
            Query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
        };
        Calls.Enqueue(call);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        try
        {
            await ServeAsync(socket, call, context.RequestAborted);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
        finally
        {
            call.Ended.TrySetResult();
        }
    }

    private async Task ServeAsync(WebSocket socket, EchoAgentCall call, CancellationToken aborted)
    {
        if (_behaviour.RejectWith is { } code)
        {
            await socket.CloseAsync((WebSocketCloseStatus)code, "refused", aborted);
            return;
        }

        using var sendLock = new SemaphoreSlim(1);
        var streamSid = "";
        var frames = 0;
        var marks = 0;
        var buffer = new byte[64 * 1024];
        Task background = Task.CompletedTask;
        while (true)
        {
            var (text, closed) = await ReceiveTextAsync(socket, buffer, aborted);
            if (closed)
            {
                // The caller closed first: answer its close, as a well-behaved server does.
                await background;
                await CloseAsync(socket, sendLock, aborted);
                return;
            }

            call.Messages.Enqueue(text);

            JsonElement message;
            try
            {
                message = JsonDocument.Parse(text).RootElement;
            }
            catch (JsonException)
            {
                continue; // a malformed frame never ends the call
            }

            switch (message.TryGetProperty("event", out var ev) ? ev.GetString() : null)
            {
                case "start":
                    streamSid = message.GetProperty("streamSid").GetString()!;
                    if (_behaviour.BurstFrames > 0) background = BurstAsync(socket, sendLock, call, streamSid, aborted);
                    break;
                case "media":
                    call.MediaArrivals.Enqueue(call.Now);
                    frames++;
                    if (_behaviour.Echo)
                    {
                        await SendAsync(socket, sendLock, $$$"""{"event":"media","streamSid":"{{{streamSid}}}","media":{"payload":"{{{message.GetProperty("media").GetProperty("payload").GetString()}}}"}}""", aborted);
                        if (_behaviour.MarkEveryFrames > 0 && frames % _behaviour.MarkEveryFrames == 0)
                            await SendMarkAsync(socket, sendLock, call, streamSid, $"m{++marks}", aborted);
                    }

                    if (frames == _behaviour.EndCallAfterFrames)
                    {
                        await background;
                        await CloseAsync(socket, sendLock, aborted);
                        return;
                    }

                    break;
                case "dtmf":
                    call.Digits.Enqueue(message.GetProperty("dtmf").GetProperty("digit").GetString()![0]);
                    break;
                case "mark":
                    call.MarkEchoes.Enqueue((message.GetProperty("mark").GetProperty("name").GetString()!, call.Now));
                    break;
                case "stop" when !_behaviour.IgnoreStop:
                    await background;
                    await CloseAsync(socket, sendLock, aborted);
                    return;
            }
        }
    }

    private async Task BurstAsync(WebSocket socket, SemaphoreSlim sendLock, EchoAgentCall call, string streamSid, CancellationToken aborted)
    {
        await Task.Yield();
        foreach (var frame in ToneGenerator.SineFrames(600, 6000, TimeSpan.FromMilliseconds(20 * _behaviour.BurstFrames)))
            await SendAsync(socket, sendLock, $$$"""{"event":"media","streamSid":"{{{streamSid}}}","media":{"payload":"{{{Convert.ToBase64String(frame)}}}"}}""", aborted);
        await SendMarkAsync(socket, sendLock, call, streamSid, "burst", aborted);
        if (_behaviour.ClearAfterBurst is { } delay)
        {
            await Task.Delay(delay, aborted);
            call.ClearSentAt = call.Now;
            await SendAsync(socket, sendLock, $$$"""{"event":"clear","streamSid":"{{{streamSid}}}"}""", aborted);
        }
    }

    private static async Task SendMarkAsync(WebSocket socket, SemaphoreSlim sendLock, EchoAgentCall call, string streamSid, string name, CancellationToken aborted)
    {
        call.MarksSent.Enqueue((name, call.Now));
        await SendAsync(socket, sendLock, $$$"""{"event":"mark","streamSid":"{{{streamSid}}}","mark":{"name":"{{{name}}}"}}""", aborted);
    }

    private static async Task SendAsync(WebSocket socket, SemaphoreSlim sendLock, string text, CancellationToken aborted)
    {
        await sendLock.WaitAsync(aborted);
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, aborted);
        }
        finally
        {
            sendLock.Release();
        }
    }

    private static async Task CloseAsync(WebSocket socket, SemaphoreSlim sendLock, CancellationToken aborted)
    {
        await sendLock.WaitAsync(aborted);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborted);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            if (socket.State == WebSocketState.CloseReceived)
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
            else
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
        }
        finally
        {
            sendLock.Release();
        }
    }

    private static async Task<(string Text, bool Closed)> ReceiveTextAsync(WebSocket socket, byte[] buffer, CancellationToken aborted)
    {
        var filled = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(filled), aborted);
            if (result.MessageType == WebSocketMessageType.Close) return ("", true);
            filled += result.Count;
            if (result.EndOfMessage) return (Encoding.UTF8.GetString(buffer, 0, filled), false);
        }
    }
}
