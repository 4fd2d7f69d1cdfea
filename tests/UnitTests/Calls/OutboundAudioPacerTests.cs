using CleanAgent.Infrastructure.Calls;

namespace CleanAgent.UnitTests.Calls;

/// <summary>Outbound pacing as pure arithmetic on timestamps: exact instants, no clock at all.</summary>
public sealed class OutboundAudioPacerTests
{
    private const long Frequency = 1_000_000; // timestamps in microseconds
    private const long FrameTicks = 20_000;
    private const long LeadTicks = 60_000;

    /// <summary>Sends <paramref name="frames"/> frames as early as the pacer allows, advancing time only to wait; returns each send instant.</summary>
    private static List<long> Play(OutboundAudioPacer pacer, ref long now, int frames, Func<int, long>? delayBefore = null)
    {
        var sent = new List<long>();
        for (var i = 0; i < frames; i++)
        {
            now += delayBefore?.Invoke(i) ?? 0;
            while (!pacer.MaySend(now, out _)) now = pacer.NextSendAt;
            sent.Add(now);
            pacer.FrameSent();
        }

        return sent;
    }

    private static OutboundAudioPacer NewPacer(long leadTicks = LeadTicks) =>
        new(Frequency, TimeSpan.FromMilliseconds(20), TimeSpan.FromMicroseconds(leadTicks));

    [Fact]
    public void FramesLeave20msApart_AfterAnInitialLeadOfThreeFrames()
    {
        var pacer = NewPacer();
        long now = 1_000_000;
        var start = now;

        var sent = Play(pacer, ref now, 500);

        // The lead: frames 0..3 may go at once (their playout is at most 60 ms away).
        Assert.All(sent.Take(4), t => Assert.Equal(start, t));
        // Then exactly one frame per 20 ms of real time.
        for (var i = 4; i < sent.Count; i++) Assert.Equal(FrameTicks, sent[i] - sent[i - 1]);
        Assert.Equal(start + (500 - 1) * FrameTicks - LeadTicks, sent[^1]);
    }

    [Fact]
    public void NoFrameIsEverMoreThanTheLeadAheadOfRealTime()
    {
        var pacer = NewPacer();
        long now = 0;

        var sent = Play(pacer, ref now, 1000);

        for (var i = 0; i < sent.Count; i++) Assert.True(i * FrameTicks - sent[i] <= LeadTicks, $"frame {i} left {(i * FrameTicks - sent[i]) / 1000} ms ahead");
    }

    [Fact]
    public void AfterAStallLongerThanTheLead_PlayoutRestartsFromNow_ThenPacesAt20ms()
    {
        var pacer = NewPacer();
        long now = 0;
        const int stallAt = 100;

        var sent = Play(pacer, ref now, 200, i => i == stallAt ? 500_000 : 0); // e.g. the agent was slow to produce audio

        // The late frame goes immediately (never fall further behind)...
        Assert.Equal(sent[stallAt - 1] + 500_000, sent[stallAt]);
        // ...playout restarts at real time with the same small lead, and pacing resumes at 20 ms.
        Assert.All(sent.Skip(stallAt).Take(4), t => Assert.Equal(sent[stallAt], t));
        for (var i = stallAt + 4; i < sent.Count; i++) Assert.Equal(FrameTicks, sent[i] - sent[i - 1]);
    }

    [Fact]
    public void ASinkSlowOnce_WithinTheLead_IsCaughtUp_NeverFallingBehindRealTimeByMoreThanOneFrame()
    {
        var pacer = NewPacer();
        long now = 0;
        const int slowAt = 50;

        // One send takes 45 ms (a slow sink, once); the pacer keeps the schedule it had, so the frames due meanwhile
        // go out right away and real-time playout is never more than one frame behind.
        var sent = Play(pacer, ref now, 150, i => i == slowAt ? 45_000 : 0);

        for (var i = 0; i < sent.Count; i++)
        {
            var playout = i * FrameTicks;
            Assert.True(sent[i] - playout <= FrameTicks, $"frame {i} left {(sent[i] - playout) / 1000.0} ms after its playout");
        }

        for (var i = slowAt + 4; i < sent.Count; i++) Assert.Equal(FrameTicks, sent[i] - sent[i - 1]);
    }

    [Fact]
    public void Pause_StartsTheNextUtteranceAtRealTime_NotCatchingUpOnTheSilence()
    {
        var pacer = NewPacer();
        long now = 0;
        Play(pacer, ref now, 50);

        pacer.Pause();
        now += 3_000_000;
        var resumed = now;
        var next = Play(pacer, ref now, 10);

        Assert.All(next.Take(4), t => Assert.Equal(resumed, t));
        Assert.Equal(resumed + FrameTicks, next[4]);
    }

    [Fact]
    public void ZeroLead_SendsEachFrameExactlyAtItsPlayoutTime()
    {
        var pacer = NewPacer(leadTicks: 0);
        long now = 0;

        var sent = Play(pacer, ref now, 20);

        for (var i = 0; i < sent.Count; i++) Assert.Equal(i * FrameTicks, sent[i]);
    }
}
