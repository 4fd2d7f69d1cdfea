namespace CleanAgent.Application.Voice.Conversation;

/// <summary>
/// Cuts an interrupted agent reply down to what the caller actually heard, so the LLM's history holds only
/// that. The voice agent knows from the audio played how far playback got; this turns that into text.
/// The rule, chosen to err towards "not heard":
/// <list type="bullet">
/// <item>Text-to-speech speaks at a near-constant rate, so the share of a sentence's audio that played is the
/// share of its characters that were heard (rounded down).</item>
/// <item>A word (a run of non-whitespace) counts only when all of its letters and digits were heard; a word
/// cut mid-way is dropped. Punctuation after the last heard letter of a word is kept (it has no sound).</item>
/// <item>Whole sentences whose playback completed are kept whole.</item>
/// </list>
/// </summary>
public static class HeardReply
{
    /// <summary>The words of <paramref name="reply"/> fully within its first <paramref name="charactersHeard"/> characters.</summary>
    public static string Cut(string reply, int charactersHeard)
    {
        if (charactersHeard <= 0) return string.Empty;
        if (charactersHeard >= reply.Length) return reply.Trim();

        var cut = charactersHeard;
        if (!char.IsWhiteSpace(reply[cut - 1]) && !char.IsWhiteSpace(reply[cut]))
        {
            // Mid-word: keep the word if what remains of it is silent, else drop it.
            var wordEnd = cut;
            var restIsSilent = true;
            while (wordEnd < reply.Length && !char.IsWhiteSpace(reply[wordEnd]))
            {
                if (char.IsLetterOrDigit(reply[wordEnd])) restIsSilent = false;
                wordEnd++;
            }

            if (restIsSilent)
            {
                cut = wordEnd;
            }
            else
            {
                while (cut > 0 && !char.IsWhiteSpace(reply[cut - 1])) cut--;
            }
        }

        return reply[..cut].Trim();
    }

    /// <summary>How many characters of <paramref name="text"/> were heard when <paramref name="played"/> of its <paramref name="duration"/> of audio played.</summary>
    public static int CharactersHeard(string text, TimeSpan played, TimeSpan duration)
    {
        if (played <= TimeSpan.Zero) return 0;
        if (duration <= TimeSpan.Zero || played >= duration) return text.Length;
        return (int)Math.Floor(text.Length * (played.Ticks / (double)duration.Ticks));
    }

    /// <summary>
    /// What was heard of a reply spoken sentence by sentence: the first <paramref name="sentencesPlayed"/>
    /// sentences whole, then the heard part of the next one, of which <paramref name="playedOfNext"/> of
    /// <paramref name="durationOfNext"/> played.
    /// </summary>
    public static string FromSentences(IReadOnlyList<string> sentences, int sentencesPlayed, TimeSpan playedOfNext, TimeSpan durationOfNext)
    {
        var whole = Math.Clamp(sentencesPlayed, 0, sentences.Count);
        var heard = new List<string>(whole + 1);
        for (var i = 0; i < whole; i++) heard.Add(sentences[i].Trim());
        if (whole < sentences.Count)
        {
            var next = sentences[whole];
            heard.Add(Cut(next, CharactersHeard(next, playedOfNext, durationOfNext)));
        }

        return string.Join(' ', heard.Where(s => s.Length > 0));
    }
}
