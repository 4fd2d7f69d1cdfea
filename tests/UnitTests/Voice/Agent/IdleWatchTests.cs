using CleanAgent.Infrastructure.Agents.Voice;
using Microsoft.Extensions.Time.Testing;

namespace CleanAgent.UnitTests.Voice.Agent;

/// <summary>The idle path on a fake clock: asked once after the timeout of silence, given up after the same again; speech starts it over.</summary>
public sealed class IdleWatchTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _clock = new();
    private readonly List<IdleStage> _stages = [];

    private IdleWatch Watch() => new(_clock, Timeout, _stages.Add);

    [Fact]
    public void Silence_AsksOnceAfterTheTimeout_ThenGivesUpAfterTheSameAgain()
    {
        using var watch = Watch();
        watch.Arm();
        _clock.Advance(Timeout - TimeSpan.FromMilliseconds(1));
        Assert.Empty(_stages);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([IdleStage.AskIfStillThere], _stages);

        // The question plays; the watch is armed again when it has.
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Single(_stages);
        watch.Arm();
        _clock.Advance(Timeout);
        Assert.Equal([IdleStage.AskIfStillThere, IdleStage.GiveUp], _stages);
    }

    [Fact]
    public void Disarmed_NothingHappens()
    {
        using var watch = Watch();
        watch.Arm();
        _clock.Advance(TimeSpan.FromSeconds(5));
        watch.Disarm();
        _clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Empty(_stages);
    }

    [Fact]
    public void ReArming_CountsFromTheNewStart()
    {
        using var watch = Watch();
        watch.Arm();
        _clock.Advance(TimeSpan.FromSeconds(8));
        watch.Arm();
        _clock.Advance(TimeSpan.FromSeconds(8));
        Assert.Empty(_stages);
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal([IdleStage.AskIfStillThere], _stages);
    }

    [Fact]
    public void CallerSpeech_AfterTheQuestion_MeansTheNextSilenceIsAskedAgain()
    {
        using var watch = Watch();
        watch.Arm();
        _clock.Advance(Timeout);
        watch.CallerSpoke();
        watch.Arm();
        _clock.Advance(Timeout);

        Assert.Equal([IdleStage.AskIfStillThere, IdleStage.AskIfStillThere], _stages);
    }
}
