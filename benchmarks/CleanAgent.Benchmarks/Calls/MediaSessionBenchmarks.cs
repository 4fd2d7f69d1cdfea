using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using BenchmarkDotNet.Attributes;
using CleanAgent.Application.Calls;
using CleanAgent.Application.Common;
using CleanAgent.Application.Telephony;
using CleanAgent.Infrastructure.Calls;
using CleanAgent.Infrastructure.Telephony.MediaStreamsFraming;
using CleanAgent.UnitTests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace CleanAgent.Benchmarks.Calls;

/// <summary>
/// A whole call's per-frame work, as the server does it: a real <see cref="MediaSession"/> over a real (managed)
/// WebSocket on in-memory pipes, an echo agent, and the shared media clock ticked by hand. One operation is one frame
/// each way: the caller's <c>media</c> message in (read, parsed, decoded, handed to the agent, queued by it) and one
/// paced <c>media</c> message out (taken off the queue at a tick, encoded, written, read by the caller).
/// </summary>
/// <remarks>Not sealed: BenchmarkDotNet generates a class that derives from each benchmark class.</remarks>
[MemoryDiagnoser]
public class MediaSessionBenchmarks
{
    private readonly byte[] _receive = new byte[4096];
    private InMemoryWebSocketPair _pair = null!;
    private ManualTime _time = null!;
    private MediaClock _clock = null!;
    private CancellationTokenSource _call = null!;
    private Task<CallOutcome> _session = null!;
    private byte[] _media = [];

    [GlobalSetup]
    public void StartACall()
    {
        _pair = new InMemoryWebSocketPair();
        _time = new ManualTime();
        _clock = new MediaClock(_time);
        _call = new CancellationTokenSource();
        var options = new MediaSessionOptions();
        var session = new MediaSession(_pair.Server, new WebSocketMessageReader(_pair.Server, options.MaxMessageBytes),
            MediaStreamsCodec.Instance.Open("MZ18ad3ab5a668481ce02b83e7395059f0"), new NoHangup(), options,
            new CallLimits(TimeSpan.FromDays(1)), _clock, _time, NullLogger.Instance, "WR-AGS-00000001");
        _session = session.RunAsync(new Echo(), _call.Token, CancellationToken.None);
        var payload = new byte[TelephonyAudio.FrameBytes];
        new Random(20).NextBytes(payload);
        _media = Encoding.UTF8.GetBytes(
            "{\"event\":\"media\",\"sequenceNumber\":\"4711\",\"streamSid\":\"MZ18ad3ab5a668481ce02b83e7395059f0\"," +
            "\"media\":{\"track\":\"inbound\",\"chunk\":\"4710\",\"timestamp\":\"94200\",\"payload\":\"" + Convert.ToBase64String(payload) + "\"}}");
        // Steady state: the echo's second of silence is queued and the first frames have gone.
        for (var i = 0; i < 100; i++) OneFrameEachWay().AsTask().GetAwaiter().GetResult();
    }

    /// <remarks>Pooled, so the benchmark's own state machine is not counted as the session's allocation.</remarks>
    [Benchmark]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask OneFrameEachWay()
    {
        await _pair.Client.SendAsync(_media, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        _time.Advance(TelephonyAudio.FrameDuration);
        _clock.Tick();
        var received = await _pair.Client.ReceiveAsync(_receive.AsMemory(), CancellationToken.None);
        if (received.MessageType != WebSocketMessageType.Text) throw new InvalidOperationException("The session closed.");
    }

    [GlobalCleanup]
    public void EndTheCall()
    {
        _call.Cancel();
        _session.Wait(TimeSpan.FromSeconds(5));
        _clock.Dispose();
        _pair.Dispose();
    }

    /// <summary>Plays the caller back a second later, as the diagnostic echo agent does.</summary>
    private sealed class Echo : ICallAgent
    {
        public async Task RunAsync(ICallSession call, CancellationToken cancellationToken)
        {
            call.Play(new short[TelephonyAudio.SampleRate]);
            var events = call.Events;
            while (await events.WaitToReadAsync(CancellationToken.None))
            {
                while (events.TryRead(out var callEvent))
                {
                    using var audio = callEvent.Audio;
                    if (audio is not null) call.Play(audio.Samples);
                }
            }
        }
    }

    private sealed class NoHangup : IProviderCall
    {
        public CredentialSource Credentials => CredentialSource.Url;
        public Secret ApiKey => default;
        public IReadOnlyDictionary<string, string> InitialContext { get; } = new Dictionary<string, string>();
        public Result ValidateParameters() => Result.Success();
        public Result<IReadOnlyDictionary<string, string>> TakeStart(StreamStart start) => Result<IReadOnlyDictionary<string, string>>.Success(InitialContext);
        public Task<Result> VerifyOriginAsync(Guid organizationId, CancellationToken cancellationToken) => Task.FromResult(Result.Success());
        public Task<Result> HangUpAsync(CancellationToken cancellationToken) => Task.FromResult(Result.Success());
    }
}
