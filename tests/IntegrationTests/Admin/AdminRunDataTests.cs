using System.Text.Json;
using CleanAgent.Application.Agents;
using CleanAgent.Domain.Agents;
using CleanAgent.IntegrationTests.Support;

namespace CleanAgent.IntegrationTests.Admin;

/// <summary>
/// <c>admin create-agent --configurations</c> and <c>admin get-run</c> as operators run them (the built assembly in its
/// own process), on the database a server then uses.
/// </summary>
public sealed class AdminRunDataTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private AdminCliProcess Cli => new(_database);

    public ValueTask InitializeAsync() => _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private static string ExampleConfigurations => Repository.Example("receptionist.configurations.json");

    [Fact]
    public async Task TheExampleConfigurations_RoundTripThroughCreateAgent_ToTheCallsVersion_AndGetRunShowsThePinnedVersion()
    {
        var (organizationId, apiKey) = await OrganizationAndKeyAsync();
        var file = ExampleConfigurations;
        var agentUuid = (await Admin(0, "create-agent", "--organization", organizationId.ToString(), "--name", "Receptionist", "--configurations", file, "--publish"))
            .RootElement.GetProperty("agentUuid").GetGuid();

        await using (var host = new CleanAgentHost(_database))
        {
            var resolved = (await host.Send(new ResolveWorkflow(organizationId, agentUuid))).Value;
            var expected = AgentConfigurations.Parse(await File.ReadAllTextAsync(file)).Configurations!;
            Assert.Equal(await File.ReadAllTextAsync(file), resolved.Configurations.Json);
            Assert.Equal(TimeSpan.FromSeconds(600), resolved.Configurations.MaxCallDuration);
            Assert.Equal(TimeSpan.FromSeconds(15), resolved.Configurations.MaxUserIdleTimeout);
            Assert.True(resolved.Configurations.Recording);
            Assert.Equal(["Acme", "invoice", "Zendesk"], resolved.Configurations.Dictionary);
            Assert.Equal(new ModelOverrides("gpt-4o-mini", "nova", "tts-1", "whisper-1", "en"), resolved.Configurations.ModelOverrides);
            Assert.Equal(expected.ModelOverrides, resolved.Configurations.ModelOverrides);

            var tenant = new Tenant(organizationId, Guid.Empty, new Application.Common.Secret(apiKey), Guid.Empty, agentUuid, Guid.Empty);
            await using var call = await AgentStreamClient.ConnectAsync(host.BaseAddress, tenant);
            await call.HandshakeAsync();
            await call.SendStopAsync();
            Assert.Equal(1000, (await call.ReceiveCloseAsync()).Code);
        }

        var runName = (await Eventually.Until(() => Admin(0, "list-runs", "--agent", agentUuid.ToString()),
            runs => runs.RootElement.GetArrayLength() == 1 && runs.RootElement[0].GetProperty("state").GetString() == "completed")).RootElement[0].GetProperty("name").GetString()!;
        var run = (await Admin(0, "get-run", "--id", runName)).RootElement;
        Assert.Equal(agentUuid, run.GetProperty("agentUuid").GetGuid());
        Assert.Equal(1, run.GetProperty("agentVersion").GetInt32());
        Assert.Equal("user_hangup", run.GetProperty("endReason").GetString());
        Assert.Equal(0, run.GetProperty("transcript").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, run.GetProperty("recordingPath").ValueKind);
    }

    [Fact]
    public async Task AProviderKeyInTheConfigurations_IsNeverStored()
    {
        const string secret = "sk-pasted-into-dograh-0123456789";
        var (organizationId, _) = await OrganizationAndKeyAsync();
        var file = Path.Combine(Directory.CreateDirectory(Path.Combine(_database.Folder, "input")).FullName, "with-key.json"); // beside, not among, the database's files
        await File.WriteAllTextAsync(file, """{"recording": true, "model_overrides": {"llm": {"provider": "openai", "model": "gpt-4o", "api_key": "SECRET"}}}""".Replace("SECRET", secret, StringComparison.Ordinal));

        var agentUuid = (await Admin(0, "create-agent", "--organization", organizationId.ToString(), "--name", "Imported", "--configurations", file))
            .RootElement.GetProperty("agentUuid").GetGuid();

        await using var host = new CleanAgentHost(_database);
        var resolved = (await host.Send(new ResolveWorkflow(organizationId, agentUuid))).Value;
        Assert.Equal("gpt-4o", resolved.Configurations.ModelOverrides.LlmModel);
        Assert.DoesNotContain(secret, resolved.Configurations.Json, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, System.Text.Encoding.UTF8.GetString(_database.ReadAllFiles()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidConfigurations_FailWithTheKeyAtFault_AndCreateNothing()
    {
        var (organizationId, _) = await OrganizationAndKeyAsync();
        var file = Path.Combine(_database.Folder, "bad.json");
        await File.WriteAllTextAsync(file, """{"max_call_duration": "soon", "model_overrides": {"tts": {"voice": 7}}}""");

        var (exit, stdout, stderr) = await Run("create-agent", "--organization", organizationId.ToString(), "--name", "Bad", "--configurations", file);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout.Trim());
        Assert.Contains("'max_call_duration'", stderr, StringComparison.Ordinal);
        Assert.Contains("'model_overrides.tts.voice'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingConfigurationsFile_IsInvalidInput()
    {
        var (organizationId, _) = await OrganizationAndKeyAsync();

        var (exit, _, stderr) = await Run("create-agent", "--organization", organizationId.ToString(), "--name", "A", "--configurations", Path.Combine(_database.Folder, "nope.json"));

        Assert.Equal(2, exit);
        Assert.StartsWith("error: --configurations: the file", stderr.Trim(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5e1b3c55-0000-4000-8000-000000000000")]
    [InlineData("WR-AGS-99999999")]
    [InlineData("not-a-run")]
    public async Task GetRun_OfNoRun_IsNotFound_Exit3_OnStderr(string id)
    {
        var (exit, stdout, stderr) = await Run("get-run", "--id", id);

        Assert.Equal(3, exit);
        Assert.Equal(string.Empty, stdout.Trim());
        Assert.StartsWith("error: Run ", stderr.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedUnconfiguredCall_ShowsInListRunsAndGetRun_AsProviderNotConfigured()
    {
        var (organizationId, apiKey) = await OrganizationAndKeyAsync();
        var agentUuid = (await Admin(0, "create-agent", "--organization", organizationId.ToString(), "--name", "Voice"))
            .RootElement.GetProperty("agentUuid").GetGuid();
        await using (var host = new CleanAgentHost(_database, settings: new Dictionary<string, string> { ["Voice:Llm:BaseUrl"] = "https://api.openai.com/v1" }))
        {
            var tenant = new Tenant(organizationId, Guid.Empty, new Application.Common.Secret(apiKey), Guid.Empty, agentUuid, Guid.Empty);
            await using var call = await AgentStreamClient.ConnectAsync(host.BaseAddress, tenant);
            Assert.Equal(1011, (await call.ReceiveCloseAsync()).Code);
        }

        var listed = (await Admin(0, "list-runs", "--agent", agentUuid.ToString())).RootElement.EnumerateArray().Single();
        Assert.Equal(("failed", "provider_not_configured"), (listed.GetProperty("state").GetString(), listed.GetProperty("endReason").GetString()));
        var run = (await Admin(0, "get-run", "--id", listed.GetProperty("id").GetString()!)).RootElement;
        Assert.Equal("provider_not_configured", run.GetProperty("endReason").GetString());
        Assert.Equal(0, run.GetProperty("durationSeconds").GetDouble());
    }

    [Fact]
    public async Task GetRunsHelp_SaysItIsNotScopedToAnOrganization()
    {
        var (exit, stdout, _) = await Run("get-run", "--help");

        Assert.Equal(0, exit);
        Assert.Contains("any run in the database, of any organization", stdout, StringComparison.Ordinal);
    }

    private async Task<(Guid OrganizationId, string ApiKey)> OrganizationAndKeyAsync()
    {
        var organizationId = (await Admin(0, "create-organization", "--name", "Acme")).RootElement.GetProperty("id").GetGuid();
        var apiKey = (await Admin(0, "create-api-key", "--organization", organizationId.ToString(), "--name", "k")).RootElement.GetProperty("apiKey").GetString()!;
        return (organizationId, apiKey);
    }

    private Task<JsonDocument> Admin(int expectedExit, params string[] args) => Cli.JsonAsync(expectedExit, args);

    private Task<(int Exit, string Stdout, string Stderr)> Run(params string[] args) => Cli.RunAsync(args);
}
