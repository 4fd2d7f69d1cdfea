using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CleanAgent.IntegrationTests.Support;

/// <summary>
/// The built CleanAgent.Web server in its own process, as operators run it: for what only a whole process shows
/// (its resident memory, its exit), where the in-process host shares the test runner's heap.
/// </summary>
public sealed partial class RunningServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private RunningServer(Process process, Uri baseAddress, ConcurrentQueue<string> output)
    {
        _process = process;
        _output = output;
        BaseAddress = baseAddress;
    }

    /// <summary>What the server has written so far, stdout and stderr, line by line.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    /// <summary>Starts it on a free loopback port and waits until it listens (bounded: a server not up in 60 s fails the test).</summary>
    public static Task<RunningServer> StartAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment) =>
        StartAsync(typeof(Program).Assembly.Location, workingDirectory, environment);

    /// <param name="assembly">The CleanAgent.Web.dll to run: the test's build, or a copy of it with its own settings file.</param>
    public static async Task<RunningServer> StartAsync(string assembly, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(assembly);
        start.ArgumentList.Add("--urls=http://127.0.0.1:0");
        foreach (var (name, value) in environment) start.Environment[name] = value;

        var process = Process.Start(start)!;
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not { } text) return;
            output.Enqueue(text);
            if (ListeningLine().Match(text) is { Success: true } match) listening.TrySetResult(new Uri(match.Groups[1].Value));
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text) output.Enqueue(text);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return new RunningServer(process, address, output);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw new TimeoutException("The server did not report its listening address within 60 s.");
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>What a service manager sends to stop it (SIGTERM): the server drains.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>The exit code, once it has exited (bounded: a process still up after <paramref name="timeout"/> fails the test).</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    /// <summary>The process's resident set size, in bytes (Linux <c>/proc</c>).</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }

        throw new InvalidOperationException("No VmRSS line in /proc/<pid>/status.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    // Plain text or JSON (where the address is followed by a quote).
    [GeneratedRegex(@"Now listening on: (http://[^\s""]+)")]
    private static partial Regex ListeningLine();
}
