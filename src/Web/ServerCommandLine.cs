using System.Reflection;

namespace CleanAgent.Web;

/// <summary>
/// What the server answers without starting: <c>--help</c> and <c>--version</c>. Everything else on the command line
/// is configuration (<c>--urls …</c>, <c>--Section:Key=value</c>) or the <c>admin</c> subcommand.
/// </summary>
public static class ServerCommandLine
{
    public static string Version =>
        typeof(ServerCommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(ServerCommandLine).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>The exit code when the arguments asked for help or the version (printed to <paramref name="output"/>); null to start the server.</summary>
    public static int? Answer(string[] args, TextWriter output)
    {
        if (args.Any(a => a is "--version"))
        {
            output.WriteLine($"CleanAgent {Version}");
            return 0;
        }

        if (!args.Any(a => a is "--help" or "-h" or "-?")) return null;
        output.WriteLine($"""
            CleanAgent {Version} — a self-hosted voice-agent runtime.

            Usage:
              CleanAgent.Web [--urls URLS] [--Section:Key=value …]   run the server (Agent Stream, REST API, dashboard)
              CleanAgent.Web admin COMMAND [options]                 administer organizations, keys, agents and runs
              CleanAgent.Web admin --help                            the admin commands
              CleanAgent.Web --version | --help

            Settings come from appsettings.json next to the program, environment variables (Section__Key) and the
            command line (--Section:Key=value), e.g. --urls http://localhost:5000 --Database:Provider=SqlServer.
            """);
        return 0;
    }
}
