using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAgent.CallSimulator.FakeProviders;

/// <summary>
/// A real WebSocket server (Kestrel on 127.0.0.1) that speaks Deepgram's live API at <c>/v1/listen</c>: it checks
/// <c>Authorization: Token …</c>, records the query, the audio, <c>KeepAlive</c>, <c>Finalize</c> and <c>CloseStream</c>,
/// and answers as the test scripts it through each <see cref="FakeDeepgramConnection"/> — or, with
/// <see cref="AutoTranscribe"/>, by itself from the energy of the μ-law it receives, so a simulated caller's speech
/// triggers <c>SpeechStarted</c>, interim and final <c>Results</c> and <c>UtteranceEnd</c> without a script.
/// </summary>
public sealed class FakeDeepgramApi : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<FakeDeepgramConnection> _connections = [];
    private readonly List<TaskCompletionSource<FakeDeepgramConnection>> _waiters = [];
    private WebApplication? _app;
    private int _refusalsLeft;
    private int _refusalStatus;

    private FakeDeepgramApi() { }

    /// <summary>Where the fake listens as a WebSocket base URL, e.g. <c>ws://127.0.0.1:5099/</c>: configure it as <c>Voice:Stt:BaseUrl</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The key a connection must present as <c>Authorization: Token {key}</c>; null accepts any (or none).</summary>
    public string? ExpectedApiKey { get; set; }

    /// <summary>Answer from the received audio's energy instead of waiting for the test's script.</summary>
    public bool AutoTranscribe { get; set; }

    /// <summary>The transcript <see cref="AutoTranscribe"/> gives each utterance it hears.</summary>
    public string AutoTranscript { get; set; } = "hello there";

    /// <summary>Every accepted connection so far.</summary>
    public IReadOnlyList<FakeDeepgramConnection> Connections
    {
        get
        {
            lock (_gate) return [.. _connections];
        }
    }

    /// <summary>Connection attempts refused (wrong key, <see cref="RefuseNext"/>), with the status they got.</summary>
    public int RefusedConnections { get; private set; }

    /// <summary>Starts the fake on 127.0.0.1:<paramref name="port"/> (0: any free port).</summary>
    public static async Task<FakeDeepgramApi> StartAsync(string? expectedApiKey = null, int port = 0)
    {
        var api = new FakeDeepgramApi { ExpectedApiKey = expectedApiKey };
        var app = FakeServerHost.Build(port);
        app.UseWebSockets();
        app.Map("/v1/listen", (RequestDelegate)api.HandleListenAsync);
        var address = await FakeServerHost.StartAsync(app);
        api.BaseUrl = new UriBuilder(address) { Scheme = "ws" }.Uri;
        api._app = app;
        return api;
    }

    /// <summary>Refuses the next <paramref name="count"/> connection attempts with <paramref name="statusCode"/> before the upgrade.</summary>
    public void RefuseNext(int count, int statusCode = 503)
    {
        lock (_gate)
        {
            _refusalsLeft = count;
            _refusalStatus = statusCode;
        }
    }

    /// <summary>The <paramref name="index"/>-th connection (0-based), waiting for it up to <paramref name="timeout"/>.</summary>
    /// <exception cref="TimeoutException">It did not arrive in time.</exception>
    public async Task<FakeDeepgramConnection> WaitForConnectionAsync(TimeSpan timeout, int index = 0)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            TaskCompletionSource<FakeDeepgramConnection> waiter;
            lock (_gate)
            {
                if (_connections.Count > index) return _connections[index];
                waiter = new TaskCompletionSource<FakeDeepgramConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add(waiter);
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"No Deepgram connection #{index} within {timeout.TotalSeconds:0.###} s.");
            try
            {
                await waiter.Task.WaitAsync(left);
            }
            catch (TimeoutException)
            {
                lock (_gate) _waiters.Remove(waiter);
                throw new TimeoutException($"No Deepgram connection #{index} within {timeout.TotalSeconds:0.###} s.");
            }
        }
    }

    /// <summary>Stops the server, dropping open connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_app is null) return;
        foreach (var connection in Connections) connection.Abort();
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
        _app = null;
        foreach (var connection in Connections) connection.Dispose();
    }

    private async Task HandleListenAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.Count > 0 ? context.Request.Headers.Authorization.ToString() : null;
        int? refusal = null;
        lock (_gate)
        {
            if (_refusalsLeft > 0)
            {
                _refusalsLeft--;
                refusal = _refusalStatus;
            }
            else if (ExpectedApiKey is { } key && authorization != "Token " + key)
            {
                refusal = StatusCodes.Status401Unauthorized;
            }

            if (refusal is not null) RefusedConnections++;
        }

        if (refusal is { } status || !context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = refusal ?? StatusCodes.Status400BadRequest;
            return;
        }

        var query = context.Request.Query.ToDictionary(q => q.Key, q => (IReadOnlyList<string>)[.. q.Value.Select(v => v ?? string.Empty)]);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new FakeDeepgramConnection(socket, authorization, query, AutoTranscribe ? AutoTranscript : null);
        List<TaskCompletionSource<FakeDeepgramConnection>> waiters;
        lock (_gate)
        {
            _connections.Add(connection);
            waiters = [.. _waiters];
            _waiters.Clear();
        }

        foreach (var waiter in waiters) waiter.TrySetResult(connection);
        await connection.RunAsync(context.RequestAborted);
    }
}
