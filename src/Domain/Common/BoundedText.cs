namespace CleanAgent.Domain.Common;

/// <summary>
/// Cuts text to a length bound, never between the two halves of a surrogate pair: a cut text must still store and
/// serialize (a lone surrogate is not valid UTF-8, and JSON writers refuse it).
/// </summary>
public static class BoundedText
{
    /// <param name="cut">True when the text was longer than <paramref name="maxLength"/>.</param>
    public static string Cut(string text, int maxLength, out bool cut)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        cut = text.Length > maxLength;
        if (!cut) return text;

        var length = maxLength > 0 && char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;
        return text[..length];
    }

    public static string Cut(string text, int maxLength) => Cut(text, maxLength, out _);
}
