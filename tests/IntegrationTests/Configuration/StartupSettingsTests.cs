using CleanAgent.IntegrationTests.Support;

namespace CleanAgent.IntegrationTests.Configuration;

/// <summary>
/// The server as operators start it (the built CleanAgent.Web assembly in its own process): a bad setting stops
/// the start before the database is touched, with one line naming the key.
/// </summary>
public sealed class StartupSettingsTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();

    public ValueTask InitializeAsync() => _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Theory]
    [InlineData("AgentStream:HandshakeTimeout", "00:00:00")]
    [InlineData("Media:MaxCallDuration", "-00:00:01")]
    [InlineData("Media:MaxLead", "soon")]
    [InlineData("Runs:StaleAfter", "00:00:20")]
    [InlineData("Cloudonix:ApiBaseUrl", "cloudonix.example")]
    public async Task BadSetting_StopsTheStart_WithExit2_NamingTheKey(string key, string value)
    {
        var (exit, _, stderr) = await ServerProcess.RunAsync(_database.Folder,
            new Dictionary<string, string> { ["ConnectionStrings__Default"] = _database.ConnectionString },
            "--urls=http://127.0.0.1:0", $"--{key}={value}");

        Assert.Equal(2, exit);
        var error = stderr.Trim();
        Assert.StartsWith("error:", error, StringComparison.Ordinal);
        Assert.Contains(key, error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.False(File.Exists(_database.FilePath), "the database was touched before the settings were checked");
    }
}
