using System.Buffers;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using CleanAgent.Application.Calls;
using CleanAgent.Application.Voice;
using CleanAgent.Infrastructure.Audio;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanAgent.Infrastructure.Voice.OpenAi;

/// <summary>
/// Text-to-speech through an OpenAI-compatible <c>POST {BaseUrl}/audio/speech</c> with <c>response_format: "pcm"</c>
/// (24 kHz s16le mono), read as it streams and resampled to 8 kHz chunk by chunk, so the first words play while the
/// provider is still making the rest. Covers OpenAI, Kokoro-FastAPI, openedai-speech, speaches.
/// </summary>
internal sealed partial class OpenAiSpeechSynthesizer(
    IHttpClientFactory httpClients,
    IOptions<VoiceOptions> options,
    TimeProvider time,
    ILogger<OpenAiSpeechSynthesizer> logger) : ITextToSpeech
{
    public const int ProviderRate = 24000;

    /// <summary>Ten minutes of audio: far more than one sentence needs, and a bound on what a runaway server can stream at us.</summary>
    public const long MaxAudioBytes = ProviderRate * 2L * 600;

    private const int ReadBytes = 8192;

    public async IAsyncEnumerable<SpeechAudioChunk> SynthesizeAsync(string text, TextToSpeechSettings settings, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(text.Length, ITextToSpeech.MaxInputCharacters, nameof(text));

        var limit = options.Value.ProviderTimeout;
        using var response = await StartAsync(text, settings, limit, cancellationToken);
        await using var body = await ReadBodyAsync(response, limit, cancellationToken);

        var decoder = new Pcm16StreamDecoder();
        var resampler = new StreamingResampler(ProviderRate, TelephonyAudio.SampleRate);
        var bytes = ArrayPool<byte>.Shared.Rent(ReadBytes);
        var samples = ArrayPool<short>.Shared.Rent(decoder.MaxSamplesFor(ReadBytes));
        var output = ArrayPool<short>.Shared.Rent(resampler.MaxOutputLength(Math.Max(samples.Length, resampler.GroupDelayInOutputSamples * 3)));
        using var readTimeout = new ReadTimeout(limit, time, cancellationToken);
        try
        {
            long total = 0;
            var characters = text.Length;
            while (true)
            {
                var read = await ReadAsync(body, bytes, readTimeout, limit, cancellationToken);
                if (read == 0) break;
                total += read;
                if (total > MaxAudioBytes) throw Fail(ProviderFailures.Protocol(VoiceStage.TextToSpeech, $"the speech is longer than {MaxAudioBytes} bytes"));

                var decoded = decoder.Decode(bytes.AsSpan(0, read), samples);
                var resampled = resampler.Process(samples.AsSpan(0, decoded), output);
                if (resampled == 0) continue;
                yield return new SpeechAudioChunk(output.AsMemory(0, resampled), characters);
                characters = 0;
            }

            if (total < 2) throw Fail(ProviderFailures.Empty(VoiceStage.TextToSpeech, "the provider sent no audio"));

            // The filter holds its last 2 ms; push that much silence through so the final sound is not clipped.
            var flush = ArrayPool<short>.Shared.Rent(resampler.GroupDelayInOutputSamples * 3);
            try
            {
                var tail = flush.AsSpan(0, resampler.GroupDelayInOutputSamples * 3);
                tail.Clear();
                var resampled = resampler.Process(tail, output);
                if (resampled > 0) yield return new SpeechAudioChunk(output.AsMemory(0, resampled), characters);
            }
            finally
            {
                ArrayPool<short>.Shared.Return(flush);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<short>.Shared.Return(samples);
            ArrayPool<short>.Shared.Return(output);
        }
    }

    private async Task<HttpResponseMessage> StartAsync(string text, TextToSpeechSettings settings, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, VoiceHttpClients.Endpoint(settings.BaseUrl, "audio/speech"))
        {
            Content = JsonContent.Create(new SpeechRequest(settings.Model, settings.Voice, text, "pcm"), VoiceJsonContext.Default.SpeechRequest),
        };
        if (settings.ApiKey is { IsBlank: false } key) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key.Value);

        HttpResponseMessage response;
        try
        {
            response = await httpClients.CreateClient(VoiceHttpClients.TextToSpeech)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Fail(ProviderFailures.FromException(VoiceStage.TextToSpeech, ex, limit), ex);
        }

        if (response.IsSuccessStatusCode) return response;
        response.Dispose();
        throw Fail(ProviderFailures.Status(VoiceStage.TextToSpeech, (int)response.StatusCode));
    }

    private async Task<Stream> ReadBodyAsync(HttpResponseMessage response, TimeSpan limit, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadAsStreamAsync(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Fail(ProviderFailures.FromException(VoiceStage.TextToSpeech, ex, limit), ex);
        }
    }

    /// <summary>One read of the stream, which must bring bytes within the provider timeout: a server that stalls mid-sentence fails the turn rather than leaving dead air.</summary>
    private async ValueTask<int> ReadAsync(Stream body, byte[] buffer, ReadTimeout timeout, TimeSpan limit, CancellationToken cancellationToken)
    {
        try
        {
            return await body.ReadAsync(buffer.AsMemory(0, ReadBytes), timeout.Start());
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Fail(ProviderFailures.FromException(VoiceStage.TextToSpeech, ex, limit), ex);
        }
        finally
        {
            timeout.Stop();
        }
    }

    private ProviderException Fail(ProviderError error, Exception? inner = null)
    {
        LogFailed(logger, error.Kind, error.StatusCode, error.Message);
        return inner is null ? new ProviderException(error) : new ProviderException(error, inner);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Speech synthesis failed: {Kind} (HTTP {Status}): {Detail}")]
    private static partial void LogFailed(ILogger logger, ProviderErrorKind kind, int? status, string detail);

    internal sealed record SpeechRequest(
        [property: JsonPropertyName("model")] string Model,
        [property: JsonPropertyName("voice")] string Voice,
        [property: JsonPropertyName("input")] string Input,
        [property: JsonPropertyName("response_format")] string ResponseFormat);
}
