using CleanAgent.Infrastructure.Calls;
using Microsoft.Extensions.Time.Testing;

namespace CleanAgent.UnitTests.Calls;

/// <summary>Outbound pacing, driven by a fake clock: no sleeping, exact instants.</summary>
public sealed class OutboundAudioPacerTests
{
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan Lead = TimeSpan.FromMilliseconds(60);

    /// <summary>Plays <paramref name="frames"/> frames the way the session's writer does, recording each send instant.</summary>
    private static List<DateTimeOffset> Play(FakeTimeProvider clock, OutboundAudioPacer pacer, int frames, Action<int>? beforeFrame = null)
    {
        var sent = new List<DateTimeOffset>();
        for (var i = 0; i < frames; i++)
        {
            beforeFrame?.Invoke(i);
            clock.Advance(pacer.DelayBeforeNextFrame());
            sent.Add(clock.GetUtcNow());
            pacer.FrameSent();
        }

        return sent;
    }

    [Fact]
    public void FramesLeave20msApart_AfterAnInitialLeadOfThreeFrames()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        var start = clock.GetUtcNow();
        var pacer = new OutboundAudioPacer(clock, Frame, Lead);

        var sent = Play(clock, pacer, 500);

        // The lead: frames 0..3 may go at once (their playout is at most 60 ms away).
        Assert.All(sent.Take(4), t => Assert.Equal(start, t));
        // Then exactly one frame per 20 ms of real time.
        for (var i = 4; i < sent.Count; i++) Assert.Equal(Frame, sent[i] - sent[i - 1]);
        Assert.Equal(start + (500 - 1) * Frame - Lead, sent[^1]);
    }

    [Fact]
    public void NoFrameIsEverMoreThanTheLeadAheadOfRealTime()
    {
        var clock = new FakeTimeProvider();
        var start = clock.GetUtcNow();
        var pacer = new OutboundAudioPacer(clock, Frame, Lead);

        var sent = Play(clock, pacer, 1000);

        for (var i = 0; i < sent.Count; i++)
        {
            var playout = start + i * Frame;
            Assert.True(playout - sent[i] <= Lead, $"frame {i} left {(playout - sent[i]).TotalMilliseconds} ms ahead");
        }
    }

    [Fact]
    public void AfterAStall_TheWriterCatchesUpAtOnce_ThenPacesFromNow()
    {
        var clock = new FakeTimeProvider();
        var pacer = new OutboundAudioPacer(clock, Frame, Lead);
        var stallAt = 100;

        var sent = Play(clock, pacer, 200, i =>
        {
            if (i == stallAt) clock.Advance(TimeSpan.FromMilliseconds(500)); // e.g. the agent was slow to produce audio
        });

        // The late frame goes immediately (never fall further behind)...
        Assert.Equal(sent[stallAt - 1] + TimeSpan.FromMilliseconds(500), sent[stallAt]);
        // ...playout restarts at real time with the same small lead, and pacing resumes at 20 ms.
        Assert.All(sent.Skip(stallAt).Take(4), t => Assert.Equal(sent[stallAt], t));
        for (var i = stallAt + 4; i < sent.Count; i++) Assert.Equal(Frame, sent[i] - sent[i - 1]);
    }

    [Fact]
    public void Pause_StartsTheNextUtteranceAtRealTime_NotCatchingUpOnTheSilence()
    {
        var clock = new FakeTimeProvider();
        var pacer = new OutboundAudioPacer(clock, Frame, Lead);
        Play(clock, pacer, 50);

        pacer.Pause();
        clock.Advance(TimeSpan.FromSeconds(3));
        var resumed = clock.GetUtcNow();
        var next = Play(clock, pacer, 10);

        Assert.All(next.Take(4), t => Assert.Equal(resumed, t));
        Assert.Equal(resumed + Frame, next[4]);
    }

    [Fact]
    public void ZeroLead_SendsEachFrameExactlyAtItsPlayoutTime()
    {
        var clock = new FakeTimeProvider();
        var start = clock.GetUtcNow();
        var pacer = new OutboundAudioPacer(clock, Frame, TimeSpan.Zero);

        var sent = Play(clock, pacer, 20);

        for (var i = 0; i < sent.Count; i++) Assert.Equal(start + i * Frame, sent[i]);
    }
}
