using CleanAgent.Infrastructure.Agents.Voice;

namespace CleanAgent.UnitTests.Voice.Agent;

public sealed class SentenceSplitterTests
{
    private static List<string> Split(params string[] deltas)
    {
        var splitter = new SentenceSplitter();
        var sentences = new List<string>();
        foreach (var delta in deltas)
        {
            splitter.Append(delta);
            while (splitter.TryTakeSentence(out var sentence)) sentences.Add(sentence);
        }

        if (splitter.Flush() is { } rest) sentences.Add(rest);
        return sentences;
    }

    [Fact]
    public void Sentences_AreCutAtTheirEnds_AcrossDeltas()
    {
        Assert.Equal(["Sure, one moment.", "Your invoice is paid!", "Anything else?"],
            Split("Sure, one mo", "ment. Your invoice", " is paid! Any", "thing else?"));
    }

    [Fact]
    public void ASentence_IsReleasedAsSoonAsWhitespaceFollowsItsEnd_BeforeTheReplyIsComplete()
    {
        var splitter = new SentenceSplitter();
        splitter.Append("Hello there.");
        Assert.False(splitter.TryTakeSentence(out _)); // "there.com" could still follow
        splitter.Append(" How");
        Assert.True(splitter.TryTakeSentence(out var first));
        Assert.Equal("Hello there.", first);
        Assert.False(splitter.TryTakeSentence(out _));
        Assert.Equal("How", splitter.Flush());
    }

    [Fact]
    public void DecimalsAddressesAndAbbreviations_DoNotEndASentence()
    {
        Assert.Equal(["It costs 3.50 dollars at acme.com today.", "Ask Dr. Smith, e.g. tomorrow."],
            Split("It costs 3.", "50 dollars at acme.", "com today. Ask Dr. Smith, e.g. tomorrow."));
    }

    [Fact]
    public void ClosingQuotesAndEllipses_StayWithTheirSentence_AndLineBreaksEndOne()
    {
        Assert.Equal(["He said \"yes.\"", "Well...", "First line", "Second line"],
            Split("He said \"yes.\" Well... First line\n\nSecond line"));
    }

    [Fact]
    public void ARunOnSentence_IsCutAtASpace_BeforeTheLimit()
    {
        var words = string.Join(' ', Enumerable.Repeat("word", 300));
        var sentences = Split(words);

        Assert.True(sentences.Count >= 3);
        Assert.All(sentences, s => Assert.InRange(s.Length, 1, SentenceSplitter.MaxSentenceLength));
        Assert.All(sentences, s => Assert.DoesNotContain("wo rd", s, StringComparison.Ordinal));
        Assert.Equal(words, string.Join(' ', sentences));
    }

    [Fact]
    public void Nothing_GivesNothing()
    {
        Assert.Empty(Split("", "  ", "\n"));
    }
}
