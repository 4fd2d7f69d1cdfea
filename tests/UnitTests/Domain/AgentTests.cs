using CleanAgent.Domain.Agents;
using CleanAgent.Domain.Agents.Definitions;
using CleanAgent.Domain.Common;

namespace CleanAgent.UnitTests.Domain;

public sealed class AgentTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);
    private static AgentDefinition Minimal => AgentDefinition.Parse(AgentDefinition.MinimalJson).Definition!;

    [Fact]
    public void Create_HasOnlyADraft_WhichNewRunsUse()
    {
        var agent = Agent.Create(Guid.NewGuid(), "Receptionist", Minimal, Now);

        Assert.NotNull(agent.Draft);
        Assert.Null(agent.Published);
        Assert.Same(agent.Draft, agent.VersionForNewRun);
        Assert.Equal(1, agent.Draft!.Number);
    }

    [Fact]
    public void Publish_PromotesTheDraft_AndNewRunsUseThePublishedVersion()
    {
        var agent = Agent.Create(Guid.NewGuid(), "Receptionist", Minimal, Now);
        var uuid = agent.Uuid;

        var published = agent.Publish(Now);

        Assert.Equal(AgentVersionStatus.Published, published.Status);
        Assert.Null(agent.Draft);
        Assert.Same(published, agent.VersionForNewRun);
        Assert.Equal(uuid, agent.Uuid);
    }

    [Fact]
    public void PublishingASecondDraft_RetiresThePreviousPublication_KeepingOneOfEach()
    {
        var agent = Agent.Create(Guid.NewGuid(), "Receptionist", Minimal, Now);
        var first = agent.Publish(Now);
        var draft = agent.SaveDraft(Minimal, Now);

        Assert.Equal(2, draft.Number);
        Assert.Same(first, agent.VersionForNewRun); // the published version still serves calls while a draft exists

        agent.Publish(Now);

        Assert.Equal(AgentVersionStatus.Retired, first.Status);
        Assert.Same(draft, agent.Published);
        Assert.Single(agent.Versions, v => v.Status == AgentVersionStatus.Published);
    }

    [Fact]
    public void SaveDraft_WhileADraftExists_EditsThatDraft()
    {
        var agent = Agent.Create(Guid.NewGuid(), "Receptionist", Minimal, Now);

        var again = agent.SaveDraft(Minimal, Now);

        Assert.Same(agent.Draft, again);
        Assert.Single(agent.Versions);
    }

    [Fact]
    public void Publish_WithoutADraft_IsRefused()
    {
        var agent = Agent.Create(Guid.NewGuid(), "Receptionist", Minimal, Now);
        agent.Publish(Now);

        Assert.Throws<DomainException>(() => agent.Publish(Now));
    }

    [Fact]
    public void ArchivedAgent_CannotBeEdited()
    {
        var agent = Agent.Create(Guid.NewGuid(), "Receptionist", Minimal, Now);
        agent.Archive(Now);

        Assert.True(agent.IsArchived);
        Assert.Throws<DomainException>(() => agent.SaveDraft(Minimal, Now));
    }
    private static AgentConfigurations Configurations(string json) => AgentConfigurations.Parse(json).Configurations!;

    [Fact]
    public void Create_WithoutConfigurations_StoresTheEmptyObject()
    {
        var agent = Agent.Create(Guid.NewGuid(), "Receptionist", Minimal, Now);

        Assert.Equal("{}", agent.Draft!.ConfigurationsJson);
    }

    [Fact]
    public void Create_WithConfigurations_StoresThemOnTheFirstVersion()
    {
        const string json = """{"max_call_duration": 300, "recording": true}""";

        var agent = Agent.Create(Guid.NewGuid(), "Receptionist", Minimal, Now, AgentKind.Voice, Configurations(json));

        Assert.Equal(json, agent.Draft!.ConfigurationsJson);
    }

    [Fact]
    public void SaveDraft_WithoutConfigurations_KeepsTheLatestVersions()
    {
        const string json = """{"max_call_duration": 300}""";
        var agent = Agent.Create(Guid.NewGuid(), "Receptionist", Minimal, Now, AgentKind.Voice, Configurations(json));
        agent.Publish(Now);

        var draft = agent.SaveDraft(Minimal, Now);

        Assert.Equal(2, draft.Number);
        Assert.Equal(json, draft.ConfigurationsJson);
    }

    [Fact]
    public void SaveDraft_WithConfigurations_ReplacesTheDraftsOnly()
    {
        var agent = Agent.Create(Guid.NewGuid(), "Receptionist", Minimal, Now, AgentKind.Voice, Configurations("""{"recording": true}"""));
        var first = agent.Publish(Now);

        var draft = agent.SaveDraft(Minimal, Now, Configurations("""{"recording": false}"""));
        agent.SaveDraft(Minimal, Now, Configurations("""{"max_call_duration": 60}"""));

        Assert.Equal("""{"max_call_duration": 60}""", draft.ConfigurationsJson);
        Assert.Equal("""{"recording": true}""", first.ConfigurationsJson);
    }
}
