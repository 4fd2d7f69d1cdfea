using System.Net.WebSockets;
using CleanAgent.Application.Voice;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanAgent.Infrastructure.Voice.Deepgram;

/// <summary>
/// Speech-to-text through Deepgram's live streaming API: one WebSocket per call to <c>{BaseUrl}/v1/listen</c>, fed the
/// caller's audio as it arrives, answering with interim and final transcripts and endpointing hints.
/// </summary>
/// <remarks>
/// A WebSocket is not an <see cref="HttpClient"/> call, so the HTTP resilience pipeline does not apply: the connect is
/// bounded by the provider timeout here, and a failed connect or a dropped socket is the voice agent's to retry (with
/// a new session), like any other provider failure.
/// </remarks>
internal sealed partial class DeepgramSpeechToText(IOptions<VoiceOptions> options, TimeProvider time, ILoggerFactory loggers) : ISpeechToText
{
    private readonly ILogger _logger = loggers.CreateLogger<DeepgramSpeechToText>();

    public async Task<ProviderResult<ISpeechToTextSession>> StartSessionAsync(SpeechToTextSettings settings, SpeechToTextSessionOptions sessionOptions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(sessionOptions);
        var limit = options.Value.ProviderTimeout;
        var url = DeepgramListenUrl.Build(settings, sessionOptions);
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        // The key goes in the header only: Deepgram also accepts it as a query parameter, which would put it in every log of the URL.
        if (settings.ApiKey is { IsBlank: false } key) socket.Options.SetRequestHeader("Authorization", "Token " + key.Value);

        try
        {
            using var connectTimeout = new CancellationTokenSource(limit, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connectTimeout.Token);
            await socket.ConnectAsync(url, linked.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var status = socket.HttpStatusCode;
            socket.Dispose();
            var error = status is not 0 and not System.Net.HttpStatusCode.SwitchingProtocols
                ? ProviderFailures.Status(VoiceStage.SpeechToText, (int)status)
                : ProviderFailures.FromException(VoiceStage.SpeechToText, ex, limit);
            LogConnectFailed(_logger, url.Host, error.Kind, error.StatusCode);
            return error;
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        LogConnected(_logger, url.Host, settings.Model);
        ISpeechToTextSession session = new DeepgramSession(socket, settings.Model, limit, time, loggers.CreateLogger<DeepgramSession>());
        return ProviderResult<ISpeechToTextSession>.Success(session);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deepgram connection to {Host} failed: {Kind} (HTTP {Status})")]
    private static partial void LogConnectFailed(ILogger logger, string host, ProviderErrorKind kind, int? status);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deepgram connected to {Host} with model {Model}")]
    private static partial void LogConnected(ILogger logger, string host, string model);
}
