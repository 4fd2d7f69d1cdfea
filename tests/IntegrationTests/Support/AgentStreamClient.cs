using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using CleanAgent.CallSimulator;

namespace CleanAgent.IntegrationTests.Support;

/// <summary>A real WebSocket client that plays a telephony platform (Cloudonix by default, or Twilio): connects and speaks the handshake by hand.</summary>
public sealed class AgentStreamClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private SimulatedCallOptions? _call;

    private AgentStreamClient() { }

    public WebSocketState State => _socket.State;

    /// <summary>A call to the tenant's agent with the tenant's key, as Cloudonix places it.</summary>
    public static Task<AgentStreamClient> ConnectAsync(Uri baseAddress, Tenant tenant) => ConnectAsync(Caller.Cloudonix.CallTo(baseAddress, tenant));

    /// <summary>
    /// Connects as <paramref name="call"/> describes, to the URL the simulator builds (the one URL builder), with
    /// Twilio's signature header when the call carries an auth token. Its <c>start</c> then carries what that platform
    /// puts there (Twilio: the key and the numbers as custom parameters).
    /// </summary>
    public static async Task<AgentStreamClient> ConnectAsync(SimulatedCallOptions call)
    {
        var url = AgentStreamUrl.For(call);
        var client = new AgentStreamClient { _call = call };
        if (call.TwilioSignatureHeader(url) is { } signature) client._socket.Options.SetRequestHeader("X-Twilio-Signature", signature);
        using var timeout = Timeout(10);
        await client._socket.ConnectAsync(url, timeout.Token);
        return client;
    }

    /// <summary>Connects to a URL as it is (for URLs no platform would build: odd parameter names and the like).</summary>
    public static async Task<AgentStreamClient> ConnectAsync(Uri url)
    {
        var client = new AgentStreamClient();
        using var timeout = Timeout(10);
        await client._socket.ConnectAsync(url, timeout.Token);
        return client;
    }

    /// <summary>
    /// The close a call gets at admission: for a platform whose credentials are in the URL it comes at once; one that
    /// sends them in <c>start</c> must first do the handshake.
    /// </summary>
    public async Task<(int Code, string Reason)> ReceiveAdmissionCloseAsync(int seconds = 15)
    {
        if (_call?.Provider == SimulatedProvider.Twilio) await HandshakeAsync();
        return await ReceiveCloseAsync(seconds);
    }

    public Task SendConnectedAsync() => SendJsonAsync(new { @event = "connected", protocol = "Call", version = "1.0.0" });

    /// <summary>
    /// <c>start</c> with <paramref name="customParameters"/> (an object's properties) added to what the call's platform
    /// puts there itself.
    /// </summary>
    public Task SendStartAsync(string? callSid = null, object? customParameters = null) => SendJsonAsync(new
    {
        @event = "start",
        sequenceNumber = "1",
        streamSid = "MZ0001",
        start = new
        {
            accountSid = _call?.AccountSid ?? "acme",
            streamSid = "MZ0001",
            callSid = callSid ?? (_call?.Provider == SimulatedProvider.Twilio ? _call.CallSid : "CA-start"),
            tracks = new[] { "inbound" },
            mediaFormat = new { encoding = "audio/x-mulaw", sampleRate = 8000, channels = 1 },
            customParameters = CustomParameters(customParameters),
        },
    });

    /// <summary>What <c>start.customParameters</c> carries: the platform's own (Twilio: the key, the numbers) and the test's.</summary>
    public Dictionary<string, string> CustomParameters(object? extra = null)
    {
        var parameters = new Dictionary<string, string>(_call?.StartCustomParameters() ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (extra is not null)
            foreach (var property in extra.GetType().GetProperties()) parameters[property.Name] = property.GetValue(extra)?.ToString() ?? string.Empty;
        return parameters;
    }

    public Task SendMediaAsync() => SendJsonAsync(new
    {
        @event = "media",
        sequenceNumber = "2",
        streamSid = "MZ0001",
        media = new { track = "inbound", chunk = "1", timestamp = "0", payload = Convert.ToBase64String(new byte[160]) },
    });

    public Task SendStopAsync() => SendJsonAsync(new
    {
        @event = "stop",
        sequenceNumber = "9",
        streamSid = "MZ0001",
        stop = new { accountSid = "acme", callSid = "CA-start" },
    });

    public async Task HandshakeAsync(object? customParameters = null)
    {
        await SendConnectedAsync();
        await SendStartAsync(customParameters: customParameters);
    }

    public async Task SendTextAsync(string text)
    {
        using var timeout = Timeout(5);
        await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
    }

    public Task SendJsonAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message));

    /// <summary>Sends bytes as they are, as one message of the given type (for floods and hostile frames).</summary>
    public async Task SendBytesAsync(ReadOnlyMemory<byte> message, WebSocketMessageType type = WebSocketMessageType.Text)
    {
        using var timeout = Timeout(30);
        await _socket.SendAsync(message, type, endOfMessage: true, timeout.Token);
    }

    /// <summary>Reads until the server closes; returns its close code and reason. Fails the test if nothing comes in time.</summary>
    public async Task<(int Code, string Reason)> ReceiveCloseAsync(int seconds = 15)
    {
        var buffer = new byte[8192];
        using var timeout = Timeout(seconds);
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (_socket.State == WebSocketState.CloseReceived)
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                return ((int)result.CloseStatus!.Value, result.CloseStatusDescription ?? string.Empty);
            }
        }
    }

    /// <summary>Drops the TCP connection without a close handshake, like a crashed or cut-off peer.</summary>
    public void Drop() => _socket.Abort();

    public async Task CloseAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = Timeout(5);
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = Timeout(2);
            try { await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token); }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException) { }
        }

        _socket.Dispose();
    }

    private static CancellationTokenSource Timeout(int seconds) => new(TimeSpan.FromSeconds(seconds));
}
