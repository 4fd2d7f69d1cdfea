using CleanAgent.IntegrationTests.Support;

namespace CleanAgent.IntegrationTests.Configuration;

/// <summary>
/// The dashboard's single sign-on settings, checked when the server starts (its own process, as operators run it): a
/// bad one stops the start with one line naming the key, and the client secret is never in it.
/// </summary>
public sealed class OpenIdConnectStartupSettingsTests : IAsyncLifetime
{
    private const string Secret = "client-secret-that-must-not-print";
    private readonly SqliteTestDatabase _database = new();

    public ValueTask InitializeAsync() => _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Theory]
    [InlineData("http://sso.example.com/realms/acme", "cleanagent", "Dashboard:OpenIdConnect:Authority must be an https URL")]
    [InlineData("sso.example.com", "cleanagent", "Dashboard:OpenIdConnect:Authority must be the identity provider's absolute URL")]
    [InlineData("https://sso.example.com/realms/acme", "", "Dashboard:OpenIdConnect:ClientId must be set")]
    public async Task BadSingleSignOnSettings_StopTheStart_NamingTheKey_WithoutTheSecret(string authority, string clientId, string expected)
    {
        var (exit, stdout, stderr) = await ServerProcess.RunAsync(_database.Folder,
            new Dictionary<string, string>
            {
                ["ConnectionStrings__Default"] = _database.ConnectionString,
                ["Dashboard__OpenIdConnect__Authority"] = authority,
                ["Dashboard__OpenIdConnect__ClientId"] = clientId,
                ["Dashboard__OpenIdConnect__ClientSecret"] = Secret,
            },
            "--urls=http://127.0.0.1:0");

        Assert.Equal(2, exit);
        Assert.StartsWith("error:", stderr.Trim(), StringComparison.Ordinal);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, stdout + stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_database.FilePath), "the database was touched before the settings were checked");
    }
}
