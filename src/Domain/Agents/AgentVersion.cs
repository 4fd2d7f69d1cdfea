using CleanAgent.Domain.Agents.Definitions;

namespace CleanAgent.Domain.Agents;

/// <summary>One version of an agent: its definition and its configurations. A run pins the version it used.</summary>
public sealed class AgentVersion
{
    private AgentVersion()
    {
        DefinitionJson = string.Empty;
        ConfigurationsJson = AgentConfigurations.Empty.Json;
    }

    public Guid Id { get; private set; }
    public Guid AgentId { get; private set; }
    public int Number { get; private set; }
    public AgentVersionStatus Status { get; private set; }

    /// <summary>The validated definition, stored exactly as imported.</summary>
    public string DefinitionJson { get; private set; }

    /// <summary>The validated configurations (<see cref="AgentConfigurations.Parse"/>), stored as imported less any provider key; <c>{}</c> when none.</summary>
    public string ConfigurationsJson { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime? PublishedAt { get; private set; }

    internal static AgentVersion NewDraft(Guid agentId, int number, AgentDefinition definition, AgentConfigurations configurations, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(now),
        AgentId = agentId,
        Number = number,
        Status = AgentVersionStatus.Draft,
        DefinitionJson = definition.Json,
        ConfigurationsJson = configurations.Json,
        CreatedAt = now,
    };

    internal void Replace(AgentDefinition definition, AgentConfigurations configurations)
    {
        DefinitionJson = definition.Json;
        ConfigurationsJson = configurations.Json;
    }

    internal void MarkPublished(DateTime now)
    {
        Status = AgentVersionStatus.Published;
        PublishedAt = now;
    }

    internal void MarkRetired() => Status = AgentVersionStatus.Retired;
}
