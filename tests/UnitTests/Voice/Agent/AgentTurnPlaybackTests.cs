using CleanAgent.Application.Calls;
using CleanAgent.Infrastructure.Agents.Voice;

namespace CleanAgent.UnitTests.Voice.Agent;

/// <summary>What the caller heard of an agent turn when they cut in: whole sentences whose mark came back, then the elapsed share of the one playing.</summary>
public sealed class AgentTurnPlaybackTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    private static int Samples(TimeSpan duration) => (int)(duration.TotalSeconds * TelephonyAudio.SampleRate);

    private static AgentTurnPlayback TwoSentences(out string first, out string second)
    {
        var playback = new AgentTurnPlayback("agent-1", TimeSpan.Zero);
        first = playback.StartSentence("Welcome to Acme.", TimeSpan.Zero);
        playback.AddAudio(Samples(1000 * Ms));
        second = playback.StartSentence("Our office is open from nine to five.", 10 * Ms);
        playback.AddAudio(Samples(2000 * Ms));
        playback.Seal();
        return playback;
    }

    [Fact]
    public void CutBeforeAnyMark_KeepsTheWordsOfTheFirstSentenceThatPlayed()
    {
        var playback = TwoSentences(out _, out _);

        var (heard, unheard) = playback.CutAt(600 * Ms); // 60 % of "Welcome to Acme." (16 characters → 9)

        Assert.Equal("Welcome", heard);
        Assert.Equal("Welcome to Acme. Our office is open from nine to five.", unheard);
    }

    [Fact]
    public void CutAfterTheFirstMark_KeepsItWhole_AndTheHeardWordsOfTheNext()
    {
        var playback = TwoSentences(out var first, out _);
        Assert.True(playback.OnMarkPlayed(first, 1000 * Ms));

        // The second sentence started when the first one's mark came back: 1 s of its 2 s played.
        var (heard, unheard) = playback.CutAt(2000 * Ms);

        Assert.Equal("Welcome to Acme. Our office is open", heard);
        Assert.Equal("Our office is open from nine to five.", unheard);
    }

    [Fact]
    public void AllMarksBack_MeansAllHeard_AndAllPlayedCompletes()
    {
        var playback = TwoSentences(out var first, out var second);
        Assert.True(playback.IsPlaying);
        playback.OnMarkPlayed(first, 1000 * Ms);
        Assert.False(playback.AllPlayed.IsCompleted);
        playback.OnMarkPlayed(second, 3000 * Ms);

        Assert.True(playback.AllPlayed.IsCompletedSuccessfully);
        Assert.False(playback.IsPlaying);
        Assert.Equal(("Welcome to Acme. Our office is open from nine to five.", ""), playback.CutAt(3100 * Ms));
    }

    [Fact]
    public void AnotherTurnsMark_IsNotThisTurns()
    {
        var playback = TwoSentences(out _, out _);

        Assert.False(playback.OnMarkPlayed("agent-2-1", 500 * Ms));
        Assert.Equal(string.Empty, playback.CutAt(50 * Ms).Heard);
    }

    [Fact]
    public void ASentenceQueuedAfterThePreviousEnded_CountsFromWhenItWasQueued()
    {
        var playback = new AgentTurnPlayback("agent-1", TimeSpan.Zero);
        var first = playback.StartSentence("Yes.", TimeSpan.Zero);
        playback.AddAudio(Samples(300 * Ms));
        playback.OnMarkPlayed(first, 300 * Ms);
        // The next sentence's audio came 1 s later (a slow provider): nothing of it had played before that.
        playback.StartSentence("Your invoice is paid.", 1300 * Ms);
        playback.AddAudio(Samples(1000 * Ms));

        Assert.Equal("Yes.", playback.CutAt(1350 * Ms).Heard);
    }
}
