using System.Diagnostics;

namespace CleanAgent.IntegrationTests.Support;

/// <summary>The built CleanAgent.Web assembly in its own process, as operators run it (server or <c>admin …</c>).</summary>
public static class ServerProcess
{
    /// <summary>Runs it to its exit (bounded: a process still running after a minute is killed and the test fails).</summary>
    public static Task<(int Exit, string Stdout, string Stderr)> RunAsync(
        string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunAsync(typeof(Program).Assembly.Location, workingDirectory, environment, args);

    /// <param name="assembly">The CleanAgent.Web.dll to run: the test's build, or a copy of it with its own settings file.</param>
    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(
        string assembly, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(assembly);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment) start.Environment[name] = value;

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
