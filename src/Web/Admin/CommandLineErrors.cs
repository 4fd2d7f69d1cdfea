using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace CleanAgent.Web.Admin;

/// <summary>
/// System.CommandLine's parse errors, told in an operator's words on one line: it names the .NET type an option wanted
/// (<c>System.Nullable`1[System.Int32]</c>) and lists allowed values on lines of their own; an operator wants to hear
/// "--concurrent-call-limit must be a whole number" and "--kind must be one of 'voice', 'echo'".
/// </summary>
public static partial class CommandLineErrors
{
    /// <summary>The one error to show, of several: an unknown word says more than "a command is missing" does.</summary>
    public static string Describe(IReadOnlyList<ParseError> errors)
    {
        var error = errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? errors[0];
        return InPlainWords(error.Message, OptionOf(error.SymbolResult));
    }

    private static string? OptionOf(SymbolResult? symbol) => symbol switch
    {
        OptionResult option => option.Option.Name,
        ArgumentResult { Parent: OptionResult option } => option.Option.Name,
        _ => null,
    };

    public static string InPlainWords(string message, string? option = null)
    {
        message = OneLine(message).TrimEnd('.');
        if (CannotParse().Match(message) is { Success: true } parse)
            return $"{parse.Groups["option"].Value} must be {Kind(parse.Groups["type"].Value)}, not '{parse.Groups["value"].Value}'";
        if (NotAmong().Match(message) is { Success: true } among)
            return $"{option ?? "the value"} must be one of {among.Groups["allowed"].Value}, not '{among.Groups["value"].Value}'";
        return ExpectedType().Replace(message, t => "as " + Kind(t.Groups["type"].Value));
    }

    /// <summary>"Must be one of:\n\t'voice'\n\t'echo'" → "Must be one of: 'voice', 'echo'".</summary>
    private static string OneLine(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 1 ? lines[0] : $"{lines[0]} {string.Join(", ", lines[1..])}";
    }

    private static string Kind(string type)
    {
        var inner = NullableOf().Match(type) is { Success: true } nullable ? nullable.Groups["inner"].Value : type;
        return inner switch
        {
            "System.Guid" => "an id (a GUID, like 0197a1b2-…)",
            "System.Int32" or "System.Int64" or "System.Int16" => "a whole number",
            "System.Double" or "System.Decimal" or "System.Single" => "a number",
            "System.Boolean" => "true or false",
            "System.TimeSpan" => "a duration (hh:mm:ss)",
            "System.DateTime" or "System.DateTimeOffset" => "a date and time",
            "System.IO.FileInfo" => "a file path",
            _ => "of another kind",
        };
    }

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']+)' as expected type '(?<type>[^']+)'$", RegexOptions.CultureInvariant)]
    private static partial Regex CannotParse();

    [GeneratedRegex(@"^Argument '(?<value>.*)' not recognized\. Must be one of: (?<allowed>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex NotAmong();

    [GeneratedRegex(@"as expected type '(?<type>[^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex ExpectedType();

    [GeneratedRegex(@"^System\.Nullable`1\[(?<inner>[^\]]+)\]$", RegexOptions.CultureInvariant)]
    private static partial Regex NullableOf();
}
