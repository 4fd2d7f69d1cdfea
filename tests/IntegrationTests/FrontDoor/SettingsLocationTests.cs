using System.Text.Json;
using CleanAgent.IntegrationTests.Support;

namespace CleanAgent.IntegrationTests.FrontDoor;

/// <summary>
/// Settings are found wherever the command is run from: the appsettings.json next to the program applies (its log
/// levels, its data folder), and the default SQLite file lives in that data folder, not in the current directory.
/// The program runs from a copy of the build whose appsettings.json names a data folder of the test's own.
/// </summary>
public sealed class SettingsLocationTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cleanagent-tests", Guid.NewGuid().ToString("N"));
    private string Program => Path.Combine(_root, "app", "CleanAgent.Web.dll");
    private string DataFolder => Path.Combine(_root, "data");
    private string OtherFolder => Path.Combine(_root, "elsewhere");

    public async ValueTask InitializeAsync()
    {
        var build = Path.GetDirectoryName(typeof(Program).Assembly.Location)!;
        CopyFolder(build, Path.Combine(_root, "app"));
        Directory.CreateDirectory(OtherFolder);

        var settingsFile = Path.Combine(_root, "app", "appsettings.json");
        var settings = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(settingsFile))!;
        settings["Database"]![nameof(DataFolder)] = DataFolder; // Database:DataFolder
        await File.WriteAllTextAsync(settingsFile, settings.ToJsonString());
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { }
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task TheCli_ReadsTheSettingsNextToIt_FromTheRepositoryRoot_AndFromAnotherFolder()
    {
        var strayFile = Path.Combine(Repository.Root, "cleanagent.db");
        var strayBefore = File.Exists(strayFile);

        var created = await Admin(Repository.Root, "create-organization", "--name", "Acme");
        var listed = await Admin(OtherFolder, "list-organizations");

        Assert.Equal(created.RootElement.GetProperty("id").GetGuid(), listed.RootElement.EnumerateArray().Single().GetProperty("id").GetGuid());
        Assert.True(File.Exists(Path.Combine(DataFolder, "cleanagent.db")), "the default database is not in the configured data folder");
        Assert.False(File.Exists(Path.Combine(OtherFolder, "cleanagent.db")));
        Assert.Equal(strayBefore, File.Exists(strayFile));
    }

    [Fact]
    public async Task TheServer_ReadsTheSettingsNextToIt_FromAnotherFolder_WithQuietDatabaseLogs()
    {
        await using (var server = await RunningServer.StartAsync(Program, OtherFolder, new Dictionary<string, string>()))
        {
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
            Assert.True(File.Exists(Path.Combine(DataFolder, "cleanagent.db")), "the server's database is not in the data folder its settings name");
            // appsettings.json holds EF Core at Warning: no SQL in the log (42 such lines at start when it was not read).
            Assert.DoesNotContain(server.Output, line => line.Contains("Executed DbCommand", StringComparison.Ordinal));
            Assert.InRange(server.Output.Count, 1, 30);
        }

        Assert.False(File.Exists(Path.Combine(OtherFolder, "cleanagent.db")));
    }

    private async Task<JsonDocument> Admin(string workingDirectory, params string[] args)
    {
        var (exit, stdout, stderr) = await ServerProcess.RunAsync(Program, workingDirectory, new Dictionary<string, string>(), ["admin", .. args]);
        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        return JsonDocument.Parse(stdout);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var folder in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(folder.Replace(from, to, StringComparison.Ordinal));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
    }
}
