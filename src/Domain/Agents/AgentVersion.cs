using CleanAgent.Domain.Agents.Definitions;

namespace CleanAgent.Domain.Agents;

/// <summary>One version of an agent's definition. A run pins the version it used.</summary>
public sealed class AgentVersion
{
    private AgentVersion() => DefinitionJson = string.Empty;

    public Guid Id { get; private set; }
    public Guid AgentId { get; private set; }
    public int Number { get; private set; }
    public AgentVersionStatus Status { get; private set; }

    /// <summary>The validated definition, stored exactly as imported.</summary>
    public string DefinitionJson { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime? PublishedAt { get; private set; }

    internal static AgentVersion NewDraft(Guid agentId, int number, AgentDefinition definition, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(now),
        AgentId = agentId,
        Number = number,
        Status = AgentVersionStatus.Draft,
        DefinitionJson = definition.Json,
        CreatedAt = now,
    };

    internal void ReplaceDefinition(AgentDefinition definition) => DefinitionJson = definition.Json;

    internal void MarkPublished(DateTime now)
    {
        Status = AgentVersionStatus.Published;
        PublishedAt = now;
    }

    internal void MarkRetired() => Status = AgentVersionStatus.Retired;
}
