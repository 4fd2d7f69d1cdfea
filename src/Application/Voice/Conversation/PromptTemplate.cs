using System.Text;

namespace CleanAgent.Application.Voice.Conversation;

/// <summary>
/// Fills <c>{{name}}</c> placeholders in prompts, greetings and transition speech from the run's context.
/// <list type="bullet">
/// <item>Whitespace inside the braces is ignored: <c>{{ name }}</c> is <c>{{name}}</c> (Dograh's rule). Names
/// are case-sensitive and contain no whitespace, braces or <c>|</c>; anything else between braces is not a
/// placeholder and stays as written.</item>
/// <item>An unknown name becomes the empty string, never an error.</item>
/// <item><c>{{name | fallback:text}}</c> gives <c>text</c> when the value is unknown or empty (Dograh's filter;
/// a bare <c>| fallback</c> gives the empty string, where Dograh would say the title-cased name aloud). Other
/// filters are ignored.</item>
/// <item>One pass: a value is inserted as is and never expanded again, so a caller-controlled value such as
/// <c>"{{secret}}"</c> stays that literal text.</item>
/// </list>
/// </summary>
public static class PromptTemplate
{
    private const string Open = "{{";
    private const string Close = "}}";

    public static string Render(string template, IReadOnlyDictionary<string, string> values)
    {
        if (!template.Contains(Open, StringComparison.Ordinal)) return template;

        var output = new StringBuilder(template.Length);
        var position = 0;
        while (position < template.Length)
        {
            var start = template.IndexOf(Open, position, StringComparison.Ordinal);
            if (start < 0) break;
            var end = template.IndexOf(Close, start + Open.Length, StringComparison.Ordinal);
            if (end < 0) break;

            // "{{{{x}}": the placeholder opens at the last "{{" before the close; the braces before it are text.
            for (var next = template.IndexOf(Open, start + 1, StringComparison.Ordinal);
                 next >= 0 && next + Open.Length <= end;
                 next = template.IndexOf(Open, next + 1, StringComparison.Ordinal))
                start = next;

            output.Append(template, position, start - position);
            var inner = template.AsSpan(start + Open.Length, end - start - Open.Length);
            if (TryResolve(inner, values, out var value)) output.Append(value);
            else output.Append(template, start, end + Close.Length - start);
            position = end + Close.Length;
        }

        output.Append(template, position, template.Length - position);
        return output.ToString();
    }

    private static bool TryResolve(ReadOnlySpan<char> inner, IReadOnlyDictionary<string, string> values, out string value)
    {
        value = string.Empty;
        var bar = inner.IndexOf('|');
        var name = (bar < 0 ? inner : inner[..bar]).Trim();
        if (name.IsEmpty) return false;
        foreach (var c in name)
            if (char.IsWhiteSpace(c) || c is '{' or '}') return false;

        var known = values.TryGetValue(name.ToString(), out var found) ? found : null;
        if (!string.IsNullOrEmpty(known))
        {
            value = known;
            return true;
        }

        if (bar >= 0)
        {
            var filter = inner[(bar + 1)..].Trim();
            var colon = filter.IndexOf(':');
            var filterName = (colon < 0 ? filter : filter[..colon]).Trim();
            if (colon >= 0 && filterName.SequenceEqual("fallback")) value = filter[(colon + 1)..].Trim().ToString();
        }

        return true;
    }
}
