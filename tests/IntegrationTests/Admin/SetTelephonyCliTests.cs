using System.Text;
using System.Text.Json;
using CleanAgent.CallSimulator;
using CleanAgent.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.IntegrationTests.Admin;

/// <summary>
/// <c>admin set-telephony</c> as operators run it (the built assembly in its own process), then a server on the same
/// database: the CLI and the server share the key ring, so the server checks Twilio signatures with the token the CLI
/// stored, and the token is never printed nor in the database file in clear.
/// </summary>
public sealed class SetTelephonyCliTests : IAsyncLifetime
{
    private const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    private readonly SqliteTestDatabase _database = new();
    private AdminCliProcess Cli => new(_database);
    private readonly string _token = "tw-cli-token-" + Guid.NewGuid().ToString("N");

    public ValueTask InitializeAsync() => _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task SetTelephony_PrintsTheAccountButNotTheToken_AndTheServerChecksSignaturesWithIt()
    {
        var organizationId = (await Admin("create-organization", "--name", "Acme")).RootElement.GetProperty("id").GetGuid();
        var apiKey = (await Admin("create-api-key", "--organization", organizationId.ToString(), "--name", "twilio")).RootElement.GetProperty("apiKey").GetString()!;
        var agentUuid = (await Admin("create-agent", "--organization", organizationId.ToString(), "--name", "Echo", "--kind", "echo")).RootElement.GetProperty("agentUuid").GetGuid();

        var (exit, stdout, stderr) = await Run("set-telephony", "--organization", organizationId.ToString(), "--provider", "twilio",
            "--account-sid", AccountSid, "--auth-token", _token);

        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        var set = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(organizationId, set.GetProperty("organizationId").GetGuid());
        Assert.Equal("twilio", set.GetProperty("provider").GetString());
        Assert.Equal(AccountSid, set.GetProperty("accountSid").GetString());
        Assert.False(set.GetProperty("replaced").GetBoolean());
        Assert.DoesNotContain(_token, stdout + stderr, StringComparison.Ordinal);

        var again = await Run("set-telephony", "--organization", organizationId.ToString(), "--provider", "twilio", "--account-sid", AccountSid, "--auth-token", _token);
        Assert.True(JsonDocument.Parse(again.Stdout).RootElement.GetProperty("replaced").GetBoolean());

        await using (var host = new CleanAgentHost(_database))
        {
            SimulatedCallOptions Call(string token) => new()
            {
                Provider = SimulatedProvider.Twilio,
                ServerBaseAddress = host.BaseAddress,
                AgentUuid = agentUuid.ToString(),
                ApiKey = apiKey,
                AccountSid = AccountSid,
                TwilioAuthToken = token,
                HoldAfterAudio = TimeSpan.FromMilliseconds(100),
            };

            Assert.Equal(1000, (await SimulatedCall.RunAsync(Call(_token), TestContext.Current.CancellationToken)).CloseCode);
            Assert.Equal(1008, (await SimulatedCall.RunAsync(Call("not-the-token"), TestContext.Current.CancellationToken)).CloseCode);
            await host.Query(db => db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(FULL);"));
            Assert.DoesNotContain(host.Logs.Entries, l => l.Contains(_token, StringComparison.Ordinal));
        }

        var database = _database.ReadAllFiles();
        Assert.True(database.AsSpan().IndexOf(Encoding.UTF8.GetBytes(AccountSid)) >= 0); // the search works: the SID is stored in clear
        Assert.Equal(-1, database.AsSpan().IndexOf(Encoding.UTF8.GetBytes(_token)));
        Assert.Equal(-1, database.AsSpan().IndexOf(Encoding.Unicode.GetBytes(_token)));
    }

    [Theory]
    [InlineData(3, "5e1b3c55-0000-4000-8000-000000000000", "twilio", AccountSid)]
    [InlineData(2, null, "nonesuch", AccountSid)]
    [InlineData(2, null, "twilio", "AC1/../x")]
    public async Task Errors_GoToStderr_WithTheirExitCode_AndNeverTheToken(int expectedExit, string? organization, string provider, string accountSid)
    {
        organization ??= (await Admin("create-organization", "--name", "Acme")).RootElement.GetProperty("id").GetString();

        var (exit, stdout, stderr) = await Run("set-telephony", "--organization", organization!, "--provider", provider, "--account-sid", accountSid, "--auth-token", _token);

        Assert.Equal(expectedExit, exit);
        Assert.Equal(string.Empty, stdout.Trim());
        Assert.StartsWith("error:", stderr.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain(_token, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingAuthToken_IsAUsageError()
    {
        var (exit, stdout, stderr) = await Run("set-telephony", "--organization", Guid.NewGuid().ToString(), "--provider", "twilio", "--account-sid", AccountSid);

        Assert.NotEqual(0, exit);
        Assert.Equal(string.Empty, stdout.Trim());
        Assert.Contains("--auth-token", stderr, StringComparison.Ordinal);
    }

    private Task<JsonDocument> Admin(params string[] args) => Cli.JsonAsync(0, args);

    private Task<(int Exit, string Stdout, string Stderr)> Run(params string[] args) => Cli.RunAsync(args);
}
