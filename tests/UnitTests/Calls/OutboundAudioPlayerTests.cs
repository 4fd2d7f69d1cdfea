using System.Collections.Concurrent;
using CleanAgent.Infrastructure.Audio;
using CleanAgent.Infrastructure.Calls;
using Microsoft.Extensions.Time.Testing;

namespace CleanAgent.UnitTests.Calls;

/// <summary>The outbound side of a call: framing, order, marks, clear and end, played to a recording sink on a fake clock.</summary>
public sealed class OutboundAudioPlayerTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new();
    private readonly OutboundAudioPlayer _player;
    private readonly RecordingSink _sink = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    public OutboundAudioPlayerTests()
    {
        _player = new OutboundAudioPlayer(_clock, TimeSpan.FromMilliseconds(60));
        _running = _player.RunAsync(_sink, _stop.Token);
    }

    public void Dispose()
    {
        _stop.Cancel();
        try { _running.Wait(TimeSpan.FromSeconds(5)); }
        catch (AggregateException) { }
        _player.Dispose();
        _stop.Dispose();
    }

    /// <summary>Moves the fake clock a frame at a time, letting the player's loop run, until the sink has seen enough.</summary>
    private async Task PumpUntil(Func<IReadOnlyList<Sent>, bool> done)
    {
        for (var i = 0; i < 5000 && !done(_sink.Items.ToList()); i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(20));
            await Task.Delay(1);
        }

        Assert.True(done(_sink.Items.ToList()), $"sink saw {_sink.Items.Count} items");
    }

    private static short[] Ramp(int samples) => Enumerable.Range(0, samples).Select(i => (short)(i * 37 % 20000 - 10000)).ToArray();

    [Fact]
    public async Task Audio_IsCutInto20msFrames_InOrder_WithTheLastPaddedWithSilence_ThenTheMark()
    {
        var pcm = Ramp(1000); // 6.25 frames

        _player.Play(pcm.AsSpan(0, 300));
        _player.Play(pcm.AsSpan(300)); // an utterance can arrive in pieces of any size
        _player.Mark("utterance-1");
        await PumpUntil(items => items.Any(i => i.Mark is not null));

        var items = _sink.Items.ToList();
        Assert.Equal(7, items.Count(i => i.Frame is not null));
        Assert.Equal("utterance-1", items[^1].Mark);
        var frames = items.Where(i => i.Frame is not null).Select(i => i.Frame!).ToList();
        Assert.All(frames, f => Assert.Equal(160, f.Length));
        var expected = new byte[7 * 160];
        MuLawCodec.Encode(pcm, expected);
        expected.AsSpan(1000).Fill(MuLawCodec.Silence);
        Assert.Equal(expected, frames.SelectMany(f => f).ToArray());
    }

    [Fact]
    public void AudioPastTheBound_IsDroppedAndCounted_AndTheFinalMarkIsStillPlaced()
    {
        using var bounded = new OutboundAudioPlayer(_clock, TimeSpan.FromMilliseconds(60), maxQueued: TimeSpan.FromMilliseconds(100));

        bounded.Play(new short[8000]); // one second: 50 frames
        bounded.Play(new short[8000]);

        Assert.Equal(5, bounded.QueuedFrames);
        Assert.Equal(95, bounded.DroppedFrames);
        Assert.True(bounded.End("final"));
        Assert.Equal(5, bounded.QueuedFrames);
    }

    [Fact]
    public async Task ClearAudio_SendsClearAtOnce_AndNothingQueuedBeforeItIsPlayed()
    {
        _player.Play(Ramp(160 * 100)); // two seconds
        _player.Mark("utterance-1");
        await PumpUntil(items => items.Count(i => i.Frame is not null) >= 10);

        _player.ClearAudio();
        _player.Play(Ramp(160 * 2)); // the agent's next words, after the barge-in
        await PumpUntil(items => items.Any(i => i.Clear) && items.Count(i => i.Frame is not null && i.AfterClear) == 2);

        var items = _sink.Items.ToList();
        var clearAt = items.FindIndex(i => i.Clear);
        Assert.InRange(items.Take(clearAt).Count(i => i.Frame is not null), 10, 12); // at most a frame or two in flight
        Assert.Equal("utterance-1", items[clearAt + 1].Mark); // the mark survives, so the agent still gets its echo
        Assert.Equal(2, items.Skip(clearAt).Count(i => i.Frame is not null));
        Assert.True(_player.QueuedFrames == 0);
    }

    [Fact]
    public async Task End_FlushesTheLastWords_PlacesTheFinalMarkLast_AndIgnoresLaterAudio()
    {
        _player.Play(Ramp(250));

        Assert.True(_player.End("final"));
        _player.Play(Ramp(1600));
        _player.Mark("too-late");
        Assert.False(_player.End("final"));
        await PumpUntil(items => items.Any(i => i.Mark == "final"));

        var items = _sink.Items.ToList();
        Assert.Equal(2, items.Count(i => i.Frame is not null));
        Assert.Equal("final", items[^1].Mark);
        Assert.DoesNotContain(items, i => i.Mark == "too-late");
    }

    private sealed record Sent(byte[]? Frame = null, string? Mark = null, bool Clear = false, bool AfterClear = false);

    private sealed class RecordingSink : IOutboundMediaSink
    {
        private volatile bool _cleared;

        public ConcurrentQueue<Sent> Items { get; } = new();

        public ValueTask SendAudioAsync(ReadOnlyMemory<byte> frame)
        {
            Items.Enqueue(new Sent(Frame: frame.ToArray(), AfterClear: _cleared));
            return ValueTask.CompletedTask;
        }

        public ValueTask SendMarkAsync(string name)
        {
            Items.Enqueue(new Sent(Mark: name, AfterClear: _cleared));
            return ValueTask.CompletedTask;
        }

        public ValueTask SendClearAsync()
        {
            _cleared = true;
            Items.Enqueue(new Sent(Clear: true));
            return ValueTask.CompletedTask;
        }
    }
}
