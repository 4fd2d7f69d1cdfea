namespace CleanAgent.Web.Admin;

/// <summary>
/// The admin CLI takes settings on its command line as the server does: <c>--Section:Key=value</c> (a key with a
/// section, then <c>=</c>). They go to the configuration; every other argument is the command's own.
/// </summary>
public static class CommandLineSettings
{
    public static (string[] Settings, string[] Command) Split(IReadOnlyList<string> args)
    {
        var settings = new List<string>();
        var command = new List<string>();
        foreach (var arg in args) (IsSetting(arg) ? settings : command).Add(arg);
        return ([.. settings], [.. command]);
    }

    private static bool IsSetting(string arg)
    {
        if (!arg.StartsWith("--", StringComparison.Ordinal)) return false;
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return equals > 2 && arg.AsSpan(2, equals - 2).Contains(':');
    }
}
