using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace CleanAgent.IntegrationTests.Support;

/// <summary>A real WebSocket client that plays Cloudonix: builds the Agent Stream URL and speaks the handshake.</summary>
public sealed class AgentStreamClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();

    private AgentStreamClient() { }

    public WebSocketState State => _socket.State;

    public static Dictionary<string, string?> CloudonixQuery(Tenant tenant, string session = "cx-session-token") => new()
    {
        ["api_key"] = tenant.ApiKey.Value,
        ["provider"] = "cloudonix",
        ["session"] = session,
        ["AccountSid"] = "acme",
        ["CallSid"] = "CA" + Guid.NewGuid().ToString("N"),
        ["callId"] = "sip-call-1@pbx",
        ["from"] = "+15550001111",
        ["to"] = "+15550002222",
    };

    public static Uri Url(Uri baseAddress, string agentUuid, IReadOnlyDictionary<string, string?> query, string? pathProvider = null)
    {
        var path = pathProvider is null ? $"/api/v1/agent-stream/{agentUuid}" : $"/api/v1/agent-stream/{pathProvider}/{agentUuid}";
        var queryString = string.Join("&", query.Where(p => p.Value is not null).Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value!)}"));
        return new UriBuilder(baseAddress) { Scheme = "ws", Path = path, Query = queryString }.Uri;
    }

    /// <summary>A call to the tenant's agent with the tenant's key, as Cloudonix places it.</summary>
    public static Task<AgentStreamClient> ConnectAsync(Uri baseAddress, Tenant tenant) =>
        ConnectAsync(Url(baseAddress, tenant.AgentUuid.ToString(), CloudonixQuery(tenant)));

    public static async Task<AgentStreamClient> ConnectAsync(Uri url)
    {
        var client = new AgentStreamClient();
        using var timeout = Timeout(10);
        await client._socket.ConnectAsync(url, timeout.Token);
        return client;
    }

    public Task SendConnectedAsync() => SendJsonAsync(new { @event = "connected", protocol = "Call", version = "1.0.0" });

    public Task SendStartAsync(string callSid = "CA-start", object? customParameters = null) => SendJsonAsync(new
    {
        @event = "start",
        sequenceNumber = "1",
        streamSid = "MZ0001",
        start = new
        {
            accountSid = "acme",
            streamSid = "MZ0001",
            callSid,
            tracks = new[] { "inbound" },
            mediaFormat = new { encoding = "audio/x-mulaw", sampleRate = 8000, channels = 1 },
            customParameters = customParameters ?? new { },
        },
    });

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
