using CleanAgent.Application.Voice.Conversation;

namespace CleanAgent.UnitTests.Voice.Conversation;

public sealed class HeardReplyTests
{
    private const string Reply = "Your invoice is paid. Anything else?";

    [Theory]
    [InlineData(0, "")]
    [InlineData(-3, "")]
    [InlineData(3, "")]             // "You" of "Your": the word was cut, so it was not heard
    [InlineData(4, "Your")]
    [InlineData(5, "Your")]
    [InlineData(14, "Your invoice")] // only the "i" of "is"
    [InlineData(15, "Your invoice is")]
    [InlineData(19, "Your invoice is")] // "paid" cut mid-word: dropped
    [InlineData(20, "Your invoice is paid.")] // "paid" whole; its silent full stop kept
    [InlineData(36, Reply)]
    [InlineData(1000, Reply)]
    public void Cut_KeepsOnlyWholeWordsHeard(int charactersHeard, string expected)
    {
        Assert.Equal(expected, HeardReply.Cut(Reply, charactersHeard));
    }

    [Theory]
    [InlineData(0, 2000, 0)]
    [InlineData(1000, 2000, 18)]
    [InlineData(1999, 2000, 35)]
    [InlineData(2000, 2000, 36)]
    [InlineData(5000, 2000, 36)]
    [InlineData(10, 0, 36)]
    public void CharactersHeard_IsTheShareOfAudioPlayed_RoundedDown(int playedMs, int durationMs, int expected)
    {
        Assert.Equal(expected, HeardReply.CharactersHeard(Reply, TimeSpan.FromMilliseconds(playedMs), TimeSpan.FromMilliseconds(durationMs)));
    }

    [Fact]
    public void FromSentences_KeepsPlayedSentencesWhole_AndTheHeardPartOfTheNext()
    {
        string[] sentences = ["Your invoice is paid.", "The next one is due in May.", "Anything else?"];

        var heard = HeardReply.FromSentences(sentences, 1, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(1000));

        Assert.Equal("Your invoice is paid. The next one", heard); // 13 of its 27 characters
    }

    [Fact]
    public void FromSentences_NothingOfTheNextHeard_IsThePlayedSentencesAlone()
    {
        string[] sentences = ["One.", "Two."];

        Assert.Equal("One.", HeardReply.FromSentences(sentences, 1, TimeSpan.Zero, TimeSpan.FromSeconds(1)));
        Assert.Equal("One. Two.", HeardReply.FromSentences(sentences, 2, TimeSpan.Zero, TimeSpan.Zero));
        Assert.Equal("", HeardReply.FromSentences(sentences, 0, TimeSpan.Zero, TimeSpan.FromSeconds(1)));
    }
}
