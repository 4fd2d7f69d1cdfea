using System.Net;
using CleanAgent.IntegrationTests.Support;
using Microsoft.Data.Sqlite;

namespace CleanAgent.IntegrationTests.Operations;

/// <summary>
/// <c>/health/ready</c> follows the database: ready while it answers with this build's schema, unready (with the
/// reason, never the exception's text) while it cannot be opened, ready again when it is back; <c>/health/live</c>
/// answers throughout.
/// </summary>
public sealed class ReadinessTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private CleanAgentHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        _host = new CleanAgentHost(_database);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Readiness_FlipsToUnready_WhileTheDatabaseCannotBeOpened_AndBack()
    {
        using var http = new HttpClient { BaseAddress = _host.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);

        // The database file goes away and a folder takes its place: SQLite can open nothing there.
        var moved = Path.Combine(_database.Folder, "moved-away");
        Directory.CreateDirectory(moved);
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(_database.Folder, "cleanagent.db*")) File.Move(file, Path.Combine(moved, Path.GetFileName(file)));
        Directory.CreateDirectory(_database.FilePath);

        var unready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unready.StatusCode);
        var body = await unready.Content.ReadAsStringAsync();
        Assert.Contains("the database does not answer", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);

        Directory.Delete(_database.FilePath);
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(moved)) File.Move(file, Path.Combine(_database.Folder, Path.GetFileName(file)));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
    }
}
