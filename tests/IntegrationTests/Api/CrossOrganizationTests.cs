using CleanAgent.Application.Agents;
using CleanAgent.Application.ApiKeys;
using CleanAgent.Application.Common;
using CleanAgent.Application.Runs;
using CleanAgent.Domain.Agents.Definitions;
using CleanAgent.Domain.Runs;
using CleanAgent.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.IntegrationTests.Api;

/// <summary>
/// The authorization rule proven per use case, not for one: every command and query that names a resource, sent with
/// another organization as the caller's scope, gets exactly the not-found result, and leaves the resource as it was.
/// (The lists and the organization's own pages take the caller's organization as their scope and cannot name another's.)
/// </summary>
public sealed class CrossOrganizationTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    public static TheoryData<string> UseCases() =>
        ["GetAgent", "SaveAgentDraft", "PublishAgent", "ArchiveAgent", "FindRuns", "GetRun by id", "GetRun by name", "ArchiveApiKey", "ReactivateApiKey"];

    [Theory]
    [MemberData(nameof(UseCases))]
    public async Task AnotherOrganizationsResource_IsNotFound_AndUntouched(string useCase)
    {
        var host = fixture.Host;
        var mine = await host.CreateTenantAsync();
        var theirs = await host.CreateTenantAsync();
        var spec = new RunSpec(new PinnedVersion(theirs.OrganizationId, theirs.AgentId, theirs.AgentVersionId), CallType.Inbound, CallMode.Of("cloudonix"),
            new Dictionary<string, string> { ["provider"] = "cloudonix" });
        var theirRun = (await host.Send(new RecordRefusedRun(spec, RunEndReason.QuotaExceeded))).Value;
        var me = mine.OrganizationId;

        Error? error = useCase switch
        {
            "GetAgent" => (await host.Send(new GetAgent(theirs.AgentUuid, me))).Error,
            "SaveAgentDraft" => (await host.Send(new SaveAgentDraft(theirs.AgentUuid, AgentDefinition.MinimalJson.Replace("Thank", "Ignore", StringComparison.Ordinal), OrganizationId: me))).Error,
            "PublishAgent" => (await host.Send(new PublishAgent(theirs.AgentUuid, me))).Error,
            "ArchiveAgent" => (await host.Send(new ArchiveAgent(theirs.AgentUuid, me))).Error,
            "FindRuns" => (await host.Send(new FindRuns(theirs.AgentUuid, me))).Error,
            "GetRun by id" => (await host.Send(new GetRun(theirRun.RunId.ToString(), me))).Error,
            "GetRun by name" => (await host.Send(new GetRun(theirRun.Name, me))).Error,
            "ArchiveApiKey" => (await host.Send(new ArchiveApiKey(theirs.ApiKeyId, me))).Error,
            "ReactivateApiKey" => (await host.Send(new ReactivateApiKey(theirs.ApiKeyId, me))).Error,
            _ => throw new ArgumentOutOfRangeException(nameof(useCase), useCase, "Unknown use case."),
        };

        Assert.NotNull(error);
        Assert.Equal(ErrorKind.NotFound, error.Kind);
        var agent = await host.Query(db => db.Agents.AsNoTracking().Include(a => a.Versions).SingleAsync(a => a.Id == theirs.AgentId));
        Assert.False(agent.IsArchived);
        Assert.Null(agent.Published);
        Assert.DoesNotContain(agent.Versions, v => v.DefinitionJson.Contains("Ignore", StringComparison.Ordinal));
        Assert.False(await host.Query(db => db.ApiKeys.AsNoTracking().Where(k => k.Id == theirs.ApiKeyId).Select(k => k.IsArchived).SingleAsync()));
    }
}
