using System.Collections.Concurrent;
using CleanAgent.Infrastructure.Audio;
using CleanAgent.Infrastructure.Calls;
using Microsoft.Extensions.Time.Testing;

namespace CleanAgent.UnitTests.Calls;

/// <summary>
/// A call's outbound audio played by the shared media clock, on a fake clock: framing, order, marks, clear, end,
/// the bound and the pacing, with every instant exact and nothing slept.
/// </summary>
public sealed class OutboundAudioTests : IDisposable
{
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan Lead = TimeSpan.FromMilliseconds(60);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly MediaClock _clock;
    private readonly RecordingSink _sink;
    private readonly OutboundAudio _audio;

    public OutboundAudioTests()
    {
        _clock = new MediaClock(_time);
        _sink = new RecordingSink(_time);
        _audio = new OutboundAudio(_sink, _clock, Lead);
        _audio.Start();
    }

    public void Dispose()
    {
        _audio.Dispose();
        _clock.Dispose();
    }

    /// <summary>Moves the fake clock a frame at a time (each step is a tick of the media clock).</summary>
    private void Ticks(int count)
    {
        for (var i = 0; i < count; i++) _time.Advance(Frame);
    }

    private static short[] Ramp(int samples) => Enumerable.Range(0, samples).Select(i => (short)(i * 37 % 20000 - 10000)).ToArray();

    [Fact]
    public void Audio_IsCutInto20msFrames_InOrder_WithTheLastPaddedWithSilence_ThenTheMark()
    {
        var pcm = Ramp(1000); // 6.25 frames

        _audio.Play(pcm.AsSpan(0, 300));
        _audio.Play(pcm.AsSpan(300)); // an utterance can arrive in pieces of any size
        _audio.Mark("utterance-1");
        Ticks(10);

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
    public void FirstFramesOfAnUtterance_GoAtOnce_TheRestOnePerTick()
    {
        var start = _time.GetUtcNow();

        _audio.Play(Ramp(160 * 20));
        var atOnce = _sink.Items.Count;
        Ticks(16);

        // The lead (60 ms = three frames ahead of the one playing) leaves at once, before any tick.
        Assert.Equal(4, atOnce);
        var sent = _sink.Items.Select(i => i.At).ToList();
        Assert.Equal(20, sent.Count);
        for (var i = 4; i < sent.Count; i++) Assert.Equal(start + (i - 3) * Frame, sent[i]);
    }

    [Fact]
    public void PumpNow_SendsAFrameThatFellDueBetweenTicks_AtOnce()
    {
        // The utterance starts half-way between two ticks, so its frames fall due half-way between them too: the
        // session's pump as a caller frame arrives sends each the moment it is due, not at the tick after.
        _time.Advance(Frame / 2);
        _audio.Play(Ramp(160 * 10));
        var start = _time.GetUtcNow();
        Assert.Equal(4, _sink.Items.Count); // the frame playing and the lead (60 ms: three frames ahead)

        _time.Advance(Frame / 2); // a tick: nothing is due yet
        Assert.Equal(4, _sink.Items.Count);
        _time.Advance(Frame / 2);
        _audio.PumpNow();

        Assert.Equal(5, _sink.Items.Count);
        Assert.Equal(start + Frame, _sink.Items.Last().At);
    }

    [Fact]
    public void PumpNow_ACallerFrameArrivingUpToHalfAFrameEarly_StillCarriesTheFrameDueThen()
    {
        // A caller frame a few milliseconds early must not leave the agent's answer to the clock's next tick, a frame
        // later: the provider would receive the agent's audio in uneven gaps.
        _time.Advance(Frame / 2); // the utterance starts half-way between ticks
        _audio.Play(Ramp(160 * 10));
        var start = _time.GetUtcNow();
        Assert.Equal(4, _sink.Items.Count); // the frame playing and the lead; the next falls due at start + 20 ms

        _time.Advance(TimeSpan.FromMilliseconds(17)); // a tick passed (nothing due); a caller frame 3 ms early
        _audio.PumpNow();
        Assert.Equal(5, _sink.Items.Count);
        Assert.Equal(start + TimeSpan.FromMilliseconds(17), _sink.Items.Last().At);

        _time.Advance(TimeSpan.FromMilliseconds(12)); // 11 ms before the next falls due: more than half a frame early
        _audio.PumpNow();
        Assert.Equal(5, _sink.Items.Count);

        _time.Advance(TimeSpan.FromMilliseconds(1)); // a tick (10 ms before it is due: not the clock's yet), then a caller frame
        Assert.Equal(5, _sink.Items.Count);
        _audio.PumpNow();
        Assert.Equal(6, _sink.Items.Count);
        Assert.Equal(start + TimeSpan.FromMilliseconds(30), _sink.Items.Last().At);
    }

    [Fact]
    public void AudioPastTheBound_IsDroppedAndCounted_AndTheFinalMarkIsStillPlaced()
    {
        using var bounded = new OutboundAudio(_sink, _clock, Lead, maxQueued: TimeSpan.FromMilliseconds(100));

        bounded.Play(new short[8000]); // one second: 50 frames (not started: nothing is sent)
        bounded.Play(new short[8000]);

        Assert.Equal(5, bounded.QueuedFrames);
        Assert.Equal(95, bounded.DroppedFrames);
        Assert.True(bounded.End("final"));
        Assert.Equal(5, bounded.QueuedFrames);
    }

    [Fact]
    public void ClearAudio_SendsClearAtOnce_KeepsTheMark_AndNothingQueuedBeforeItIsPlayed()
    {
        _audio.Play(Ramp(160 * 100)); // two seconds
        _audio.Mark("utterance-1");
        Ticks(10);
        var framesBefore = _sink.Items.Count(i => i.Frame is not null);

        _audio.ClearAudio(); // no tick: the clear goes out on the caller's thread
        var clearedAt = _time.GetUtcNow();
        _audio.Play(Ramp(160 * 2)); // the agent's next words, after the barge-in
        Ticks(3);

        var items = _sink.Items.ToList();
        var clear = items.FindIndex(i => i.Clear);
        Assert.True(clear >= 0, "no clear was sent");
        Assert.Equal(clearedAt, items[clear].At);
        Assert.Equal(framesBefore, items.Take(clear).Count(i => i.Frame is not null));
        Assert.Equal("utterance-1", items[clear + 1].Mark); // the mark survives, so the agent still gets its echo
        Assert.Equal(2, items.Skip(clear).Count(i => i.Frame is not null));
        Assert.Equal(0, _audio.QueuedFrames);
    }

    [Fact]
    public void End_FlushesTheLastWords_PlacesTheFinalMarkLast_AndIgnoresLaterAudio()
    {
        _audio.Play(Ramp(250));

        Assert.True(_audio.End("final"));
        _audio.Play(Ramp(1600));
        _audio.Mark("too-late");
        Assert.False(_audio.End("final"));
        Ticks(5);

        var items = _sink.Items.ToList();
        Assert.Equal(2, items.Count(i => i.Frame is not null));
        Assert.Equal("final", items[^1].Mark);
        Assert.DoesNotContain(items, i => i.Mark == "too-late");
    }

    [Fact]
    public void ASinkSlowOnce_TheFramesDueMeanwhileGoAtOnce_AndPlayoutNeverFallsBehindRealTimeByMoreThanAFrame()
    {
        var start = _time.GetUtcNow();
        _sink.SlowOnce(afterSends: 30, TimeSpan.FromMilliseconds(45));

        _audio.Play(Ramp(160 * 150)); // three seconds
        Ticks(160);

        var sent = _sink.Items.Where(i => i.Frame is not null).Select(i => i.At).ToList();
        Assert.Equal(150, sent.Count);
        for (var i = 0; i < sent.Count; i++)
        {
            var playout = start + i * Frame;
            Assert.True(sent[i] - playout <= Frame, $"frame {i} left {(sent[i] - playout).TotalMilliseconds} ms after its playout");
        }
    }

    [Fact]
    public void SteadyPlayout_AndASendSlowerOnceByLessThanTheLead_AreNoStall()
    {
        PlayThreeSecondsWithTheThirtiethSendTaking(TimeSpan.FromMilliseconds(45));

        Assert.Equal((0, TimeSpan.Zero), _audio.Stalls);
    }

    [Fact]
    public void ASendSlowerThanTheLead_IsOneStall_AsLongAsTheSilenceTheProviderPlayed()
    {
        // The 30th frame (playout 580 ms) leaves at 520 ms, the lead ahead, and its send takes 200 ms. The provider has
        // played everything sent (30 frames, up to 600 ms) long before the next frame can go at 720 ms (the tick there,
        // or the next one if it comes before the send's end).
        PlayThreeSecondsWithTheThirtiethSendTaking(TimeSpan.FromMilliseconds(200));

        var (count, longest) = _audio.Stalls;
        Assert.Equal(1, count);
        Assert.InRange(longest.TotalMilliseconds, 120, 140);
    }

    /// <summary>Plays three seconds to the end, the 30th send taking <paramref name="slowSend"/>; every frame is sent.</summary>
    private void PlayThreeSecondsWithTheThirtiethSendTaking(TimeSpan slowSend)
    {
        _sink.SlowOnce(afterSends: 30, slowSend);
        _audio.Play(Ramp(160 * 150));
        Ticks(200);
        Assert.Equal(150, _sink.Items.Count(i => i.Frame is not null));
    }

    [Fact]
    public void AStallEndedByACallerFramesPump_IsTheSilenceAlone_NotTheHalfFrameThatPumpLooksAhead()
    {
        // As above, but the send ends at 710 ms, between two ticks, and a caller frame's pump sends the next frame
        // then: the provider played silence from 600 to 710 ms.
        _sink.SlowOnce(afterSends: 30, TimeSpan.FromMilliseconds(190));
        _audio.Play(Ramp(160 * 150));
        Ticks(35);
        _time.Advance(Frame / 2);

        _audio.PumpNow();

        Assert.Equal(30 + 4, _sink.Items.Count(i => i.Frame is not null)); // playout restarts: a frame and the lead at once
        Assert.Equal((1, TimeSpan.FromMilliseconds(110)), _audio.Stalls);
    }

    [Fact]
    public void AQueueThatRanDry_ThenANewUtterance_IsNoStall()
    {
        _audio.Play(Ramp(160 * 5));
        Ticks(20);
        _audio.Play(Ramp(160 * 5));
        Ticks(20);

        Assert.Equal(10, _sink.Items.Count(i => i.Frame is not null));
        Assert.Equal((0, TimeSpan.Zero), _audio.Stalls);
    }

    [Fact]
    public void AfterTheQueueRanDry_AMarkAlone_GoesAtTheNextTick_AndANewUtterance_AtOnce()
    {
        // Pumps skip a stream without looking at its queue while nothing is due; whatever is queued into an empty
        // queue must make it due again.
        _audio.Play(Ramp(160 * 6));
        Ticks(10); // played out: nothing is queued, nothing is due
        var played = _sink.Items.Count;

        _audio.Mark("alone");
        Assert.Equal(played, _sink.Items.Count); // a mark waits for the tick
        Ticks(1);
        Assert.Equal("alone", _sink.Items.Last().Mark);

        var start = _time.GetUtcNow();
        _audio.Play(Ramp(160 * 8));
        Assert.Equal(played + 1 + 4, _sink.Items.Count); // the frame playing and the lead, at once
        Ticks(6);
        var frames = _sink.Items.Skip(played + 1).Select(i => i.At).ToList();
        Assert.Equal(8, frames.Count);
        for (var i = 4; i < frames.Count; i++) Assert.Equal(start + (i - 3) * Frame, frames[i]);
    }

    [Fact]
    public void AClearWhileTheNextFrameIsNotYetDue_GoesAtOnce()
    {
        _audio.Play(Ramp(160 * 20)); // the lead leaves; the next frame is due a tick later
        var sent = _sink.Items.Count;
        _time.Advance(Frame / 4); // not a tick

        _audio.ClearAudio();

        Assert.Equal(sent + 1, _sink.Items.Count);
        Assert.True(_sink.Items.Last().Clear);
    }

    [Fact]
    public void FailedSend_FaultsTheStream()
    {
        _sink.FailNext = true;

        _audio.Play(Ramp(160));

        Assert.True(_audio.Completion.IsFaulted);
    }

    [Fact]
    public async Task Stop_TakesTheStreamOffTheClock()
    {
        _audio.Play(Ramp(160 * 50));
        await _audio.StopAsync();
        var count = _sink.Items.Count;

        Ticks(10);

        Assert.Equal(count, _sink.Items.Count);
        Assert.Equal(0, _clock.Count);
        Assert.True(_audio.Completion.IsCompletedSuccessfully);
    }

    private sealed record Sent(DateTimeOffset At, byte[]? Frame = null, string? Mark = null, bool Clear = false);

    /// <summary>Records what was sent and when; can be slow once (the send completes later on the fake clock) or fail.</summary>
    private sealed class RecordingSink(FakeTimeProvider time) : IOutboundMediaSink
    {
        private int _slowAfter = -1;
        private TimeSpan _slowFor;
        private int _sends;

        public ConcurrentQueue<Sent> Items { get; } = new();

        public bool FailNext { get; set; }

        public void SlowOnce(int afterSends, TimeSpan duration)
        {
            _slowAfter = afterSends;
            _slowFor = duration;
        }

        public ValueTask SendAudioAsync(ReadOnlyMemory<byte> frame)
        {
            if (FailNext) return ValueTask.FromException(new System.Net.WebSockets.WebSocketException("gone"));
            Items.Enqueue(new Sent(time.GetUtcNow(), Frame: frame.ToArray()));
            if (++_sends != _slowAfter) return ValueTask.CompletedTask;
            // This send takes a while: it completes when the fake clock reaches its end.
            var done = new TaskCompletionSource();
            time.CreateTimer(_ => done.TrySetResult(), null, _slowFor, Timeout.InfiniteTimeSpan);
            return new ValueTask(done.Task);
        }

        public ValueTask SendMarkAsync(string name)
        {
            Items.Enqueue(new Sent(time.GetUtcNow(), Mark: name));
            return ValueTask.CompletedTask;
        }

        public ValueTask SendClearAsync()
        {
            Items.Enqueue(new Sent(time.GetUtcNow(), Clear: true));
            return ValueTask.CompletedTask;
        }
    }
}
