using System.Text.Json;
using CleanAgent.IntegrationTests.Support;

namespace CleanAgent.IntegrationTests.FrontDoor;

/// <summary>
/// The admin CLI as a new user meets it, in its own process: every invalid input is exit 2 and one <c>error:</c> line
/// that names the option in plain words (no .NET type names, no help dump); help shows <c>admin</c> in its usage; it
/// takes <c>--Section:Key=value</c> settings as the server does; and what was created can be found again.
/// </summary>
public sealed class AdminCliInputTests : IAsyncLifetime
{
    private const string SomeId = "5e1b3c55-0000-4000-8000-000000000000";

    private readonly SqliteTestDatabase _database = new();
    private AdminCliProcess Cli => new(_database);

    public ValueTask InitializeAsync() => _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Theory]
    [InlineData("--name", "create-organization")] // a required option missing
    [InlineData("--organization", "create-api-key", "--organization", "acme", "--name", "k")] // not a GUID
    [InlineData("--bogus", "list-runs", "--agent", SomeId, "--bogus")] // an unknown argument
    [InlineData("--concurrent-call-limit", "create-organization", "--name", "A", "--concurrent-call-limit", "many")] // not a number
    [InlineData("--kind", "create-agent", "--organization", SomeId, "--name", "A", "--kind", "robot")] // not among the allowed
    [InlineData("--definition", "create-agent", "--organization", SomeId, "--name", "A", "--definition", "no-such-file.json")] // no such file
    [InlineData("create-organisation", "create-organisation", "--name", "A")] // an unknown command
    [InlineData("'nope'", "create-organization", "--name", "A", "--field", "nope")] // a field the result does not have
    [InlineData("Concurrent Call Limit", "create-organization", "--name", "A", "--concurrent-call-limit", "0")] // the use case's own rule
    public async Task InvalidInput_IsExit2_WithOneErrorLine_NamingIt_InPlainWords(string named, params string[] args)
    {
        var (exit, stdout, stderr) = await Run(args);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        var error = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error:", error, StringComparison.Ordinal);
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("`1", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CleanAgent.Web admin [command]", "--help")]
    [InlineData("CleanAgent.Web admin [command]")] // `admin` alone lists the commands
    [InlineData("CleanAgent.Web admin create-organization [options]", "create-organization", "--help")]
    public async Task Help_ShowsAdmin_InItsUsageLine(string usage, params string[] args)
    {
        var (exit, stdout, _) = await Run(args);

        Assert.Equal(0, exit);
        Assert.Contains(usage, stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(_database.FilePath), "help opened the database");
    }

    [Fact]
    public async Task SettingsOnTheCommandLine_ConfigureTheCli_AsTheyDoTheServer()
    {
        var file = Path.Combine(_database.Folder, "from-the-command-line.db");

        var (exit, stdout, stderr) = await ServerProcess.RunAsync(_database.Folder, new Dictionary<string, string>(),
            "admin", "create-organization", "--name", "Acme", $"--ConnectionStrings:Default=Data Source={file}");

        Assert.True(exit == 0, stderr);
        Assert.Contains("\"id\"", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(file), "the --ConnectionStrings:Default setting was not used");
    }

    [Fact]
    public async Task WhatWasCreated_CanBeListed_Shown_AndPublished()
    {
        var (_, organizationId, _) = await Run("create-organization", "--name", "Acme", "--field", "id"); // for scripts: the value alone
        organizationId = organizationId.Trim();
        Assert.True(Guid.TryParse(organizationId, out _), $"--field id printed '{organizationId}'");
        var otherId = (await Admin("create-organization", "--name", "Globex")).RootElement.GetProperty("id").GetString()!;
        var key = (await Admin("create-api-key", "--organization", organizationId, "--name", "cloudonix")).RootElement;
        var definition = Path.Combine(_database.Folder, "agent.json");
        await File.WriteAllTextAsync(definition,
            Domain.Agents.Definitions.AgentDefinition.MinimalJson.Replace("Thank the caller", "Thank the Acme caller", StringComparison.Ordinal));
        var agentUuid = (await Admin("create-agent", "--organization", organizationId, "--name", "Receptionist", "--definition", definition))
            .RootElement.GetProperty("agentUuid").GetString()!;

        var organizations = (await Admin("list-organizations")).RootElement.EnumerateArray().Select(o => o.GetProperty("name").GetString()).ToList();
        Assert.Equal(["Acme", "Globex"], organizations);

        var keysText = (await Run("list-api-keys", "--organization", organizationId)).Stdout;
        var listedKey = JsonDocument.Parse(keysText).RootElement.EnumerateArray().Single();
        Assert.Equal("cloudonix", listedKey.GetProperty("name").GetString());
        Assert.Equal(key.GetProperty("displayPrefix").GetString(), listedKey.GetProperty("displayPrefix").GetString());
        Assert.DoesNotContain(key.GetProperty("apiKey").GetString()!, keysText, StringComparison.Ordinal);
        Assert.Equal(0, (await Admin("list-api-keys", "--organization", otherId)).RootElement.GetArrayLength());

        var listedAgent = (await Admin("list-agents", "--organization", organizationId)).RootElement.EnumerateArray().Single();
        Assert.Equal(agentUuid, listedAgent.GetProperty("agentUuid").GetString());
        Assert.Equal(1, listedAgent.GetProperty("draftVersion").GetInt32());
        Assert.Equal(JsonValueKind.Null, listedAgent.GetProperty("publishedVersion").ValueKind);
        Assert.Equal(0, (await Admin("list-agents", "--organization", otherId)).RootElement.GetArrayLength());

        var published = (await Admin("publish-agent", "--agent", agentUuid)).RootElement;
        Assert.Equal(1, published.GetProperty("number").GetInt32());
        var (again, _, againError) = await Run("publish-agent", "--agent", agentUuid);
        Assert.NotEqual(0, again);
        Assert.Contains("no draft to publish", againError, StringComparison.Ordinal);

        var shown = (await Admin("show-agent", "--agent", agentUuid)).RootElement;
        Assert.Equal("Receptionist", shown.GetProperty("name").GetString());
        var version = shown.GetProperty("versions").EnumerateArray().Single();
        Assert.Equal("published", version.GetProperty("status").GetString());
        Assert.Contains("Thank the Acme caller", version.GetProperty("definition").GetRawText(), StringComparison.Ordinal);
    }

    private Task<JsonDocument> Admin(params string[] args) => Cli.JsonAsync(0, args);

    private Task<(int Exit, string Stdout, string Stderr)> Run(params string[] args) => Cli.RunAsync(args);
}
