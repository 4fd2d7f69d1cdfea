using System.Text.Json;

namespace CleanAgent.IntegrationTests.Support;

/// <summary>The admin CLI as operators run it (the built program, <c>admin …</c>, its own process) on one test database.</summary>
public sealed class AdminCliProcess(SqliteTestDatabase database)
{
    public Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args) =>
        ServerProcess.RunAsync(database.Folder, new Dictionary<string, string>
        {
            ["Database__Provider"] = database.Provider,
            ["ConnectionStrings__Default"] = database.ConnectionString,
        }, ["admin", .. args]);

    /// <summary>The command's JSON, after checking its exit code (stderr is in the failure message otherwise).</summary>
    public async Task<JsonDocument> JsonAsync(int expectedExit, params string[] args)
    {
        var (exit, stdout, stderr) = await RunAsync(args);
        Assert.True(exit == expectedExit, $"exit {exit}: {stderr}");
        return JsonDocument.Parse(stdout);
    }

    /// <summary>An organization, a key and a published-or-draft echo agent, made as an operator would make them.</summary>
    public async Task<Tenant> EchoTenantAsync(string name)
    {
        var organization = (await JsonAsync(0, "create-organization", "--name", name)).RootElement.GetProperty("id").GetGuid();
        var key = (await JsonAsync(0, "create-api-key", "--organization", organization.ToString(), "--name", name)).RootElement.GetProperty("apiKey").GetString()!;
        var agent = (await JsonAsync(0, "create-agent", "--organization", organization.ToString(), "--name", "Echo", "--kind", "echo")).RootElement.GetProperty("agentUuid").GetGuid();
        return new Tenant(organization, Guid.Empty, new Application.Common.Secret(key), Guid.Empty, agent, Guid.Empty);
    }
}
