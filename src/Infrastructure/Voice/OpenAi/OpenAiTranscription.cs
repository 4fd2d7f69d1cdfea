using System.Net.Http.Headers;
using CleanAgent.Application.Calls;
using CleanAgent.Application.Voice;
using CleanAgent.Infrastructure.Audio;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanAgent.Infrastructure.Voice.OpenAi;

/// <summary>
/// Speech-to-text through an OpenAI-compatible <c>POST {BaseUrl}/audio/transcriptions</c>: the session keeps the
/// caller's audio and sends one WAV per turn. Covers OpenAI, Azure OpenAI, faster-whisper servers, speaches, vLLM.
/// </summary>
internal sealed partial class OpenAiTranscription(
    IHttpClientFactory httpClients,
    IOptions<VoiceOptions> options,
    TimeProvider time,
    ILogger<OpenAiTranscription> logger) : ISpeechToText
{
    private const int TelephonyRate = TelephonyAudio.SampleRate;

    public Task<ProviderResult<ISpeechToTextSession>> StartSessionAsync(SpeechToTextSettings settings, SpeechToTextSessionOptions sessionOptions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(sessionOptions);
        ISpeechToTextSession session = new OpenAiTranscriptionSession(this, settings, sessionOptions.Keyterms);
        return Task.FromResult(ProviderResult<ISpeechToTextSession>.Success(session));
    }

    /// <summary>Sends one utterance and reads its text; every failure comes back as a value.</summary>
    internal async Task<ProviderResult<string>> TranscribeAsync(SpeechToTextSettings settings, ReadOnlyMemory<short> utterance, IReadOnlyList<string> keyterms, CancellationToken cancellationToken)
    {
        var limit = options.Value.ProviderTimeout;
        var wav = PcmWavWriter.ToArray(utterance.Span, TelephonyRate);
        using var request = new HttpRequestMessage(HttpMethod.Post, VoiceHttpClients.Endpoint(settings.BaseUrl, "audio/transcriptions"));
        request.Content = TranscriptionRequest.Build(wav, settings.Model, settings.Language, keyterms);
        if (settings.ApiKey is { IsBlank: false } key) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key.Value);

        try
        {
            var http = httpClients.CreateClient(VoiceHttpClients.SpeechToText);
            // Headers within the provider timeout come from the resilience pipeline; the (small) body gets the same again.
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode) return Failed(ProviderFailures.Status(VoiceStage.SpeechToText, (int)response.StatusCode));

            using var bodyTimeout = new CancellationTokenSource(limit, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bodyTimeout.Token);
            var body = await BoundedBody.ReadAsync(response.Content, TranscriptionResponseParser.MaxResponseBytes, linked.Token);
            if (body is null)
                return Failed(ProviderFailures.Protocol(VoiceStage.SpeechToText, $"the transcription answer is larger than {TranscriptionResponseParser.MaxResponseBytes} bytes"));

            var text = TranscriptionResponseParser.Parse(body);
            return text.IsSuccess ? text : Failed(text.Error!);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(ProviderFailures.FromException(VoiceStage.SpeechToText, ex, limit));
        }
    }

    private ProviderError Failed(ProviderError error)
    {
        LogFailed(logger, error.Kind, error.StatusCode, error.Message);
        return error;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transcription failed: {Kind} (HTTP {Status}): {Detail}")]
    private static partial void LogFailed(ILogger logger, ProviderErrorKind kind, int? status, string detail);
}
