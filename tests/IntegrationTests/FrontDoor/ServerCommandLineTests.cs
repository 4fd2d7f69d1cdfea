using System.Net;
using System.Net.Sockets;
using CleanAgent.IntegrationTests.Support;

namespace CleanAgent.IntegrationTests.FrontDoor;

/// <summary>
/// The server process as a new user starts it: it answers <c>--help</c> and <c>--version</c> without starting, and an
/// expected start-up failure (a port in use, a database it cannot open) is one <c>error:</c> line and exit 2.
/// </summary>
public sealed class ServerCommandLineTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();

    public ValueTask InitializeAsync() => _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Theory]
    [InlineData("--help", "Usage:")]
    [InlineData("-h", "admin COMMAND")]
    [InlineData("--version", "CleanAgent ")]
    public async Task HelpAndVersion_Answer_WithoutStartingTheServer(string argument, string expected)
    {
        var (exit, stdout, stderr) = await ServerProcess.RunAsync(_database.Folder, Settings(), "--urls=http://127.0.0.1:0", argument);

        Assert.Equal(0, exit);
        Assert.Contains(expected, stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stderr);
        Assert.False(File.Exists(_database.FilePath), "the server opened its database: it started instead of answering");
    }

    [Fact]
    public async Task PortInUse_IsOneErrorLine_AndExit2()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var (exit, stdout, stderr) = await ServerProcess.RunAsync(_database.Folder, Settings(), $"--urls=http://127.0.0.1:{port}");

        Assert.Equal(2, exit);
        var error = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error:", error, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", error, StringComparison.Ordinal);
        Assert.Contains("already in use", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a directory")] // the file is a folder: SQLite cannot open it
    [InlineData("under a file")] // its folder cannot be made: a file is in the way
    public async Task DatabaseThatCannotBeOpened_IsOneErrorLine_AndExit2(string problem)
    {
        var blocker = Path.Combine(_database.Folder, "blocker");
        string path;
        if (problem == "a directory")
        {
            Directory.CreateDirectory(blocker);
            path = blocker;
        }
        else
        {
            await File.WriteAllTextAsync(blocker, "not a folder");
            path = Path.Combine(blocker, "cleanagent.db");
        }

        var (exit, stdout, stderr) = await ServerProcess.RunAsync(_database.Folder,
            new Dictionary<string, string> { ["ConnectionStrings__Default"] = $"Data Source={path}" }, "--urls=http://127.0.0.1:0");

        Assert.Equal(2, exit);
        var error = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: cannot open the database", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
    }

    private Dictionary<string, string> Settings() => new() { ["ConnectionStrings__Default"] = _database.ConnectionString };
}
