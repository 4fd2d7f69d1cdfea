using System.Text.Json;
using CleanAgent.IntegrationTests.Support;

namespace CleanAgent.IntegrationTests.Admin;

/// <summary>
/// The admin CLI as operators run it: the built CleanAgent.Web assembly in its own process, configured by
/// environment variables, on the same database a server then uses.
/// </summary>
public sealed class AdminCliTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private AdminCliProcess Cli => new(_database);

    public ValueTask InitializeAsync() => _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task OrganizationKeyAgent_ThenACall_ThenListRuns_AllThroughTheCli()
    {
        var organization = await Admin(0, "create-organization", "--name", "Acme", "--concurrent-call-limit", "3", "--monthly-minutes", "1000");
        var organizationId = organization.RootElement.GetProperty("id").GetGuid();
        var key = await Admin(0, "create-api-key", "--organization", organizationId.ToString(), "--name", "cloudonix");
        var apiKey = key.RootElement.GetProperty("apiKey").GetString()!;
        Assert.StartsWith("dg_", apiKey, StringComparison.Ordinal);
        var agent = await Admin(0, "create-agent", "--organization", organizationId.ToString(), "--name", "Receptionist", "--publish");
        var agentUuid = agent.RootElement.GetProperty("agentUuid").GetGuid();
        Assert.NotEqual(Guid.Empty, agent.RootElement.GetProperty("id").GetGuid());
        Assert.Equal(0, (await Admin(0, "list-runs", "--agent", agentUuid.ToString())).RootElement.GetArrayLength());

        await using (var host = new CleanAgentHost(_database))
        {
            var tenant = new Tenant(organizationId, Guid.Empty, new Application.Common.Secret(apiKey), Guid.Empty, agentUuid, Guid.Empty);
            await using var call = await AgentStreamClient.ConnectAsync(host.BaseAddress, tenant);
            await call.HandshakeAsync();
            await call.SendStopAsync();
            Assert.Equal(1000, (await call.ReceiveCloseAsync()).Code);
            await Eventually.Until(async () => (await Admin(0, "list-runs", "--agent", agentUuid.ToString())).RootElement[0].GetProperty("state").GetString(), s => s == "completed");
        }

        var run = (await Admin(0, "list-runs", "--agent", agentUuid.ToString())).RootElement.EnumerateArray().Single();
        Assert.Matches("^WR-AGS-[0-9]{8}$", run.GetProperty("name").GetString());
        Assert.Equal("completed", run.GetProperty("state").GetString());
        Assert.Equal("user_hangup", run.GetProperty("endReason").GetString());
        Assert.Equal("inbound", run.GetProperty("callType").GetString());
        Assert.Equal("cloudonix", run.GetProperty("mode").GetString());
        Assert.Equal("+15550001111", run.GetProperty("initialContext").GetProperty("caller_number").GetString());
        Assert.Equal(JsonValueKind.String, run.GetProperty("startedAt").ValueKind);
        Assert.Equal(JsonValueKind.String, run.GetProperty("endedAt").ValueKind);
        Assert.True(run.GetProperty("durationSeconds").GetDouble() >= 0);
    }

    [Fact]
    public async Task ArchivedKey_IsRefusedByTheServer()
    {
        var organizationId = (await Admin(0, "create-organization", "--name", "Acme")).RootElement.GetProperty("id").GetGuid();
        var key = await Admin(0, "create-api-key", "--organization", organizationId.ToString(), "--name", "old");
        var agentUuid = (await Admin(0, "create-agent", "--organization", organizationId.ToString(), "--name", "A")).RootElement.GetProperty("agentUuid").GetGuid();
        await Admin(0, "archive-api-key", "--id", key.RootElement.GetProperty("id").GetString()!);

        await using var host = new CleanAgentHost(_database);
        var tenant = new Tenant(organizationId, Guid.Empty, new Application.Common.Secret(key.RootElement.GetProperty("apiKey").GetString()!), Guid.Empty, agentUuid, Guid.Empty);
        await using var call = await AgentStreamClient.ConnectAsync(host.BaseAddress, tenant);
        Assert.Equal(1008, (await call.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task ArchivedAgent_IsRefusedByTheServer()
    {
        var organizationId = (await Admin(0, "create-organization", "--name", "Acme")).RootElement.GetProperty("id").GetGuid();
        var apiKey = (await Admin(0, "create-api-key", "--organization", organizationId.ToString(), "--name", "k")).RootElement.GetProperty("apiKey").GetString()!;
        var agentUuid = (await Admin(0, "create-agent", "--organization", organizationId.ToString(), "--name", "A")).RootElement.GetProperty("agentUuid").GetGuid();
        await Admin(0, "archive-agent", "--agent", agentUuid.ToString());

        await using var host = new CleanAgentHost(_database);
        var tenant = new Tenant(organizationId, Guid.Empty, new Application.Common.Secret(apiKey), Guid.Empty, agentUuid, Guid.Empty);
        await using var call = await AgentStreamClient.ConnectAsync(host.BaseAddress, tenant);
        Assert.Equal(1008, (await call.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task InvalidDefinitionFile_FailsWithTheNodeAtFault_OnStderr()
    {
        var organizationId = (await Admin(0, "create-organization", "--name", "Acme")).RootElement.GetProperty("id").GetGuid();
        var file = Path.Combine(_database.Folder, "bad.json");
        await File.WriteAllTextAsync(file, """{"nodes":[{"id":"s","type":"startCall"},{"id":"orphan","type":"agentNode"}],"edges":[]}""");

        var (exit, stdout, stderr) = await Run("create-agent", "--organization", organizationId.ToString(), "--name", "Bad", "--definition", file);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout.Trim());
        Assert.Contains("node 'orphan' (agentNode)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DefinitionFromAFile_IsStoredAsGiven()
    {
        var organizationId = (await Admin(0, "create-organization", "--name", "Acme")).RootElement.GetProperty("id").GetGuid();
        var file = Path.Combine(_database.Folder, "good.json");
        await File.WriteAllTextAsync(file, Domain.Agents.Definitions.AgentDefinition.MinimalJson.Replace("Thank the caller", "Thank Acme's caller", StringComparison.Ordinal));

        var agent = await Admin(0, "create-agent", "--organization", organizationId.ToString(), "--name", "Good", "--definition", file);

        Assert.NotEqual(Guid.Empty, agent.RootElement.GetProperty("agentUuid").GetGuid());
    }

    [Theory]
    [InlineData(3, "list-runs", "--agent", "5e1b3c55-0000-4000-8000-000000000000")]
    [InlineData(3, "archive-agent", "--agent", "5e1b3c55-0000-4000-8000-000000000000")]
    [InlineData(3, "archive-api-key", "--id", "5e1b3c55-0000-4000-8000-000000000000")]
    [InlineData(3, "create-api-key", "--organization", "5e1b3c55-0000-4000-8000-000000000000", "--name", "k")]
    [InlineData(2, "create-organization", "--name", "Acme", "--concurrent-call-limit", "0")]
    public async Task Errors_GoToStderr_WithANonZeroExit_AndNothingOnStdout(int expectedExit, params string[] args)
    {
        var (exit, stdout, stderr) = await Run(args);

        Assert.Equal(expectedExit, exit);
        Assert.Equal(string.Empty, stdout.Trim());
        Assert.StartsWith("error:", stderr.Trim(), StringComparison.Ordinal);
    }

    private Task<JsonDocument> Admin(int expectedExit, params string[] args) => Cli.JsonAsync(expectedExit, args);

    private Task<(int Exit, string Stdout, string Stderr)> Run(params string[] args) => Cli.RunAsync(args);
}
