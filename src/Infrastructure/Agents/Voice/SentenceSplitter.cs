using System.Text;

namespace CleanAgent.Infrastructure.Agents.Voice;

/// <summary>
/// Cuts an LLM reply that streams in as text deltas into sentences, so each can be spoken as soon as it is complete
/// and the first words play before the reply is. A sentence ends at <c>.</c>, <c>!</c>, <c>?</c> or <c>…</c> (closing
/// quotes and brackets included) once whitespace follows — so "3.5" and "example.com" are not cut — or at a line
/// break; a few common abbreviations ("Mr.", "e.g.") do not end one. A run-on sentence is cut at the last space before
/// <see cref="MaxSentenceLength"/>, well under the speech API's input limit.
/// </summary>
internal sealed class SentenceSplitter
{
    /// <summary>Longer stretches without an end of sentence are spoken in pieces of at most this many characters.</summary>
    public const int MaxSentenceLength = 400;

    private static readonly string[] Abbreviations = ["mr.", "mrs.", "ms.", "dr.", "prof.", "st.", "vs.", "etc.", "e.g.", "i.e.", "no."];

    private readonly StringBuilder _pending = new();
    private int _scanned;

    /// <summary>Adds the next piece of the reply.</summary>
    public void Append(string? delta)
    {
        if (!string.IsNullOrEmpty(delta)) _pending.Append(delta);
    }

    /// <summary>The next complete sentence, trimmed; false when none is complete yet.</summary>
    public bool TryTakeSentence(out string sentence)
    {
        var resumeAt = -1;
        for (var i = _scanned; i < _pending.Length; i++)
        {
            var c = _pending[i];
            if (c is '\n' or '\r')
            {
                if (TakeUpTo(i + 1, out sentence)) return true;
                i = -1; // what was taken was blank: scan the rest from its start
                continue;
            }

            if (c is '.' or '!' or '?' or '…')
            {
                var end = i + 1;
                while (end < _pending.Length && _pending[end] is '"' or '\'' or ')' or ']' or '”' or '’' or '.' or '!' or '?') end++;
                if (end >= _pending.Length)
                {
                    resumeAt = i; // what follows decides: look again when it comes
                    break;
                }

                if (!char.IsWhiteSpace(_pending[end]) || (c == '.' && EndsWithAbbreviation(i + 1)))
                {
                    i = end - 1;
                    continue;
                }

                if (TakeUpTo(end, out sentence)) return true;
                i = -1;
                continue;
            }
        }

        if (_pending.Length > MaxSentenceLength)
        {
            var cut = LastSpaceBefore(MaxSentenceLength);
            if (TakeUpTo(cut, out sentence)) return true;
        }

        _scanned = resumeAt >= 0 ? resumeAt : _pending.Length;
        sentence = string.Empty;
        return false;
    }

    /// <summary>What is left at the end of the reply, trimmed; null when nothing is.</summary>
    public string? Flush()
    {
        var rest = _pending.ToString().Trim();
        _pending.Clear();
        _scanned = 0;
        return rest.Length == 0 ? null : rest;
    }

    private bool TakeUpTo(int end, out string sentence)
    {
        sentence = _pending.ToString(0, end).Trim();
        _pending.Remove(0, end);
        _scanned = 0;
        return sentence.Length > 0;
    }

    private bool EndsWithAbbreviation(int end)
    {
        var start = end;
        while (start > 0 && !char.IsWhiteSpace(_pending[start - 1])) start--;
        var word = _pending.ToString(start, end - start);
        foreach (var abbreviation in Abbreviations)
            if (word.Equals(abbreviation, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private int LastSpaceBefore(int limit)
    {
        for (var i = limit; i > limit / 2; i--)
            if (char.IsWhiteSpace(_pending[i])) return i + 1;
        return limit;
    }
}
