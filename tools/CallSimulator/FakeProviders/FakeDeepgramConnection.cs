using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using CleanAgent.Infrastructure.Audio;

namespace CleanAgent.CallSimulator.FakeProviders;

/// <summary>
/// One client socket on <see cref="FakeDeepgramApi"/>: what it sent, and the messages the test sends back on it.
/// </summary>
public sealed class FakeDeepgramConnection : IDisposable
{
    /// <summary>Audio kept for inspection: ten minutes of 8 kHz μ-law; beyond it bytes are counted, not kept.</summary>
    public const int MaxRecordedAudioBytes = 8000 * 600;

    private const int AutoSpeechRms = 300;
    private const int AutoFrameBytes = 160;

    private readonly WebSocket _socket;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Lock _gate = new();
    private readonly MemoryStream _audio = new();
    private readonly List<string> _textMessages = [];
    private readonly SemaphoreSlim _changed = new(0);
    private readonly string? _autoTranscript;
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _audioBytes;

    // Auto mode: a small energy detector over the received μ-law.
    private readonly byte[] _autoFrame = new byte[AutoFrameBytes];
    private int _autoFill;
    private int _speechFrames;
    private int _silentFrames;
    private bool _autoSpeaking;
    private bool _autoUtterancePending;
    private double _autoSpeechStart;
    private double _autoLastInterim;

    internal FakeDeepgramConnection(WebSocket socket, string? authorization, IReadOnlyDictionary<string, IReadOnlyList<string>> query, string? autoTranscript)
    {
        _socket = socket;
        Authorization = authorization;
        Query = query;
        _autoTranscript = autoTranscript;
    }

    /// <summary>The raw Authorization header the client sent (<c>Token …</c>), or null.</summary>
    public string? Authorization { get; }

    /// <summary>The query parameters of <c>/v1/listen</c>, each with all its values (<c>keyterm</c> repeats).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Query { get; }

    /// <summary>Binary (audio) bytes received so far.</summary>
    public long AudioBytes => Interlocked.Read(ref _audioBytes);

    /// <summary>Seconds of 8 kHz μ-law received so far.</summary>
    public double AudioSeconds => AudioBytes / 8000.0;

    /// <summary>The audio received so far (up to <see cref="MaxRecordedAudioBytes"/>).</summary>
    public byte[] Audio
    {
        get
        {
            lock (_gate) return _audio.ToArray();
        }
    }

    /// <summary>Every text message received, as sent.</summary>
    public IReadOnlyList<string> TextMessages
    {
        get
        {
            lock (_gate) return [.. _textMessages];
        }
    }

    /// <summary><c>KeepAlive</c> messages received.</summary>
    public int KeepAlives => CountOfType("KeepAlive");

    /// <summary><c>Finalize</c> messages received.</summary>
    public int Finalizes => CountOfType("Finalize");

    /// <summary>Whether <c>CloseStream</c> arrived.</summary>
    public bool CloseStreamReceived => CountOfType("CloseStream") > 0;

    /// <summary>Answer each <c>Finalize</c> with a final <c>Results</c> (<c>from_finalize: true</c>) carrying <see cref="FinalizeTranscript"/>.</summary>
    public bool AnswerFinalize { get; set; } = true;

    /// <summary>The transcript of the answer to <c>Finalize</c> (empty: nothing more was heard).</summary>
    public string FinalizeTranscript { get; set; } = string.Empty;

    /// <summary>Completes when the socket is done (closed by either side, or dropped).</summary>
    public Task Ended => _ended.Task;

    /// <summary>The values of one query parameter (empty when absent).</summary>
    public IReadOnlyList<string> QueryValues(string name) => Query.TryGetValue(name, out var values) ? values : [];

    /// <summary>Sends <c>SpeechStarted</c> at <paramref name="timestamp"/> seconds.</summary>
    public Task SendSpeechStartedAsync(double timestamp) =>
        SendJsonAsync(new JsonObject { ["type"] = "SpeechStarted", ["channel"] = new JsonArray(0, 1), ["timestamp"] = timestamp });

    /// <summary>Sends a <c>Results</c> message for the audio from <paramref name="start"/> lasting <paramref name="duration"/> seconds.</summary>
    public Task SendResultsAsync(string transcript, bool isFinal, bool speechFinal, double start = 0, double duration = 1, bool fromFinalize = false) =>
        SendJsonAsync(Results(transcript, isFinal, speechFinal, start, duration, fromFinalize));

    /// <summary>Sends <c>UtteranceEnd</c> with the last word ending at <paramref name="lastWordEnd"/> seconds.</summary>
    public Task SendUtteranceEndAsync(double lastWordEnd) =>
        SendJsonAsync(new JsonObject { ["type"] = "UtteranceEnd", ["channel"] = new JsonArray(0, 1), ["last_word_end"] = lastWordEnd });

    /// <summary>Sends any text (hostile or malformed messages included).</summary>
    public async Task SendRawAsync(string text)
    {
        await _sendLock.WaitAsync();
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Drops the connection without a close handshake, as a network failure would.</summary>
    public void Abort()
    {
        _socket.Abort();
        _ended.TrySetResult();
    }

    /// <summary>Waits until <paramref name="condition"/> holds, re-checking after each message received.</summary>
    /// <exception cref="TimeoutException">It did not hold within <paramref name="timeout"/>; the message says what was awaited.</exception>
    public async Task WaitUntilAsync(Func<FakeDeepgramConnection, bool> condition, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(this))
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _changed.WaitAsync(left))
            {
                if (condition(this)) return;
                throw new TimeoutException($"Deepgram fake: {what} did not happen within {timeout.TotalSeconds:0.###} s.");
            }
        }
    }

    internal async Task RunAsync(CancellationToken aborted)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer, aborted);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        await CloseAsync();
                        return;
                    }

                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Binary) await OnAudioAsync(message.ToArray());
                else if (await OnTextAsync(Encoding.UTF8.GetString(message.ToArray()))) return;
                Signal();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Dropped.
        }
        finally
        {
            _ended.TrySetResult();
            Signal();
        }
    }

    private async Task OnAudioAsync(byte[] audio)
    {
        Interlocked.Add(ref _audioBytes, audio.Length);
        lock (_gate)
        {
            if (_audio.Length + audio.Length <= MaxRecordedAudioBytes) _audio.Write(audio);
        }

        if (_autoTranscript is not null) await AutoDetectAsync(audio);
    }

    /// <returns>True when the connection is over (CloseStream answered).</returns>
    private async Task<bool> OnTextAsync(string text)
    {
        lock (_gate) _textMessages.Add(text);
        switch (TypeOf(text))
        {
            case "Finalize" when AnswerFinalize:
                var transcript = _autoTranscript is not null && _autoUtterancePending ? _autoTranscript : FinalizeTranscript;
                _autoUtterancePending = false;
                await SendJsonAsync(Results(transcript, isFinal: true, speechFinal: false, start: Math.Max(0, AudioSeconds - 1), duration: 1, fromFinalize: true));
                return false;
            case "CloseStream":
                // As Deepgram does: the summary metadata, then the close.
                await SendJsonAsync(new JsonObject
                {
                    ["type"] = "Metadata",
                    ["request_id"] = Guid.NewGuid().ToString(),
                    ["duration"] = AudioSeconds,
                    ["channels"] = 1,
                });
                Signal();
                await CloseAsync();
                return true;
            default:
                return false;
        }
    }

    private async Task AutoDetectAsync(byte[] audio)
    {
        foreach (var b in audio)
        {
            _autoFrame[_autoFill++] = b;
            if (_autoFill < AutoFrameBytes) continue;
            _autoFill = 0;
            await AutoFrameAsync();
        }
    }

    /// <summary>
    /// Speech when a 20 ms frame's RMS is over <see cref="AutoSpeechRms"/> for 60 ms; interim results every 500 ms of
    /// speech; a final, speech-final result after the <c>endpointing</c> query value of silence; <c>UtteranceEnd</c>
    /// after <c>utterance_end_ms</c>.
    /// </summary>
    private async Task AutoFrameAsync()
    {
        double sum = 0;
        foreach (var b in _autoFrame)
        {
            double sample = MuLawCodec.DecodeSample(b);
            sum += sample * sample;
        }

        var speech = Math.Sqrt(sum / AutoFrameBytes) > AutoSpeechRms;
        var now = AudioSeconds;
        var endpointingMs = QueryNumber("endpointing", 10);
        var utteranceEndMs = QueryNumber("utterance_end_ms", 1000);
        if (speech)
        {
            _silentFrames = 0;
            if (++_speechFrames == 3 && !_autoSpeaking)
            {
                _autoSpeaking = true;
                _autoUtterancePending = true;
                _autoSpeechStart = now - 0.06;
                _autoLastInterim = now;
                await SendSpeechStartedAsync(_autoSpeechStart);
            }
            else if (_autoSpeaking && now - _autoLastInterim >= 0.5)
            {
                _autoLastInterim = now;
                var words = _autoTranscript!.Split(' ');
                var partial = string.Join(' ', words.Take(Math.Max(1, words.Length / 2)));
                await SendResultsAsync(partial, isFinal: false, speechFinal: false, _autoSpeechStart, now - _autoSpeechStart);
            }

            return;
        }

        _speechFrames = 0;
        if (!_autoSpeaking) return;
        _silentFrames++;
        var silence = _silentFrames * 0.02;
        if (_autoUtterancePending && silence * 1000 >= endpointingMs)
        {
            _autoUtterancePending = false;
            await SendResultsAsync(_autoTranscript!, isFinal: true, speechFinal: true, _autoSpeechStart, now - silence - _autoSpeechStart);
        }

        if (silence * 1000 >= utteranceEndMs)
        {
            _autoSpeaking = false;
            await SendUtteranceEndAsync(now - silence);
        }
    }

    private double QueryNumber(string name, double fallback) =>
        QueryValues(name) is [var value, ..] && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : fallback;

    private static JsonObject Results(string transcript, bool isFinal, bool speechFinal, double start, double duration, bool fromFinalize)
    {
        var results = new JsonObject
        {
            ["type"] = "Results",
            ["channel_index"] = new JsonArray(0, 1),
            ["duration"] = duration,
            ["start"] = start,
            ["is_final"] = isFinal,
            ["speech_final"] = speechFinal,
            ["channel"] = new JsonObject
            {
                ["alternatives"] = new JsonArray(new JsonObject { ["transcript"] = transcript, ["confidence"] = 0.98, ["words"] = new JsonArray() }),
            },
            ["metadata"] = new JsonObject { ["request_id"] = "fake", ["model_info"] = new JsonObject { ["name"] = "fake" } },
        };
        if (fromFinalize) results["from_finalize"] = true;
        return results;
    }

    private async Task SendJsonAsync(JsonObject message)
    {
        try
        {
            await SendRawAsync(message.ToJsonString());
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The client is gone; a script sending into a closed socket is not the test's failure.
        }
    }

    private async Task CloseAsync()
    {
        try
        {
            await _sendLock.WaitAsync();
            try
            {
                if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
        {
        }
    }

    private int CountOfType(string type)
    {
        lock (_gate) return _textMessages.Count(m => TypeOf(m) == type);
    }

    private static string? TypeOf(string text)
    {
        try
        {
            return JsonNode.Parse(text)?["type"]?.GetValue<string>();
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Releases the connection's buffers and locks; <see cref="FakeDeepgramApi"/> does it when it stops.</summary>
    public void Dispose()
    {
        _audio.Dispose();
        _changed.Dispose();
        _sendLock.Dispose();
    }

    private void Signal()
    {
        // Wake a waiter: it re-checks its own condition (a spare release only costs a re-check).
        try
        {
            _changed.Release();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
