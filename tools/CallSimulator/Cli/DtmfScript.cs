using System.Globalization;

namespace CleanAgent.CallSimulator.Cli;

/// <summary>Parses <c>--dtmf</c>: comma-separated <c>digit@seconds</c>, e.g. <c>"1@2,#@5.5"</c>.</summary>
internal static class DtmfScript
{
    private const string Digits = "0123456789*#ABCD";

    public static IReadOnlyList<(TimeSpan At, char Digit)> Parse(string? script)
    {
        if (string.IsNullOrWhiteSpace(script)) return [];
        var digits = new List<(TimeSpan, char)>();
        foreach (var item in script.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = item.IndexOf('@', StringComparison.Ordinal);
            if (at != 1 || !Digits.Contains(char.ToUpperInvariant(item[0]), StringComparison.Ordinal)
                || !double.TryParse(item.AsSpan(2), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < 0)
                throw new FormatException($"'{item}' is not digit@seconds (digits 0-9 * # A-D, seconds ≥ 0), e.g. \"#@5\".");
            digits.Add((TimeSpan.FromSeconds(seconds), char.ToUpperInvariant(item[0])));
        }

        return digits;
    }
}
