using CleanAgent.Domain.Agents.Definitions;
using CleanAgent.Domain.Common;

namespace CleanAgent.Domain.Agents;

/// <summary>
/// An agent (workflow) of an organization. Its <see cref="Uuid"/> is the stable public identity that
/// telephony URLs carry; it never changes when versions are published. At most one draft and at most one
/// published version exist at a time; publishing promotes the draft.
/// </summary>
public sealed class Agent
{
    private readonly List<AgentVersion> _versions = [];

    private Agent() => Name = string.Empty;

    public Guid Id { get; private set; }
    public Guid Uuid { get; private set; }
    public Guid OrganizationId { get; private set; }
    public string Name { get; private set; }
    public AgentKind Kind { get; private set; }
    public bool IsArchived { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? ArchivedAt { get; private set; }

    public IReadOnlyList<AgentVersion> Versions => _versions;

    public AgentVersion? Draft => _versions.SingleOrDefault(v => v.Status == AgentVersionStatus.Draft);

    public AgentVersion? Published => _versions.SingleOrDefault(v => v.Status == AgentVersionStatus.Published);

    /// <summary>The version a new call runs: the published one, or the draft while nothing is published.</summary>
    public AgentVersion? VersionForNewRun => Published ?? Draft;

    /// <param name="configurations">The first version's settings beside its graph; none means the server's defaults.</param>
    public static Agent Create(Guid organizationId, string name, AgentDefinition definition, DateTime now, AgentKind kind = AgentKind.Voice,
        AgentConfigurations? configurations = null)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException("An agent needs a name.");
        if (!Enum.IsDefined(kind)) throw new DomainException($"Unknown agent kind {kind}.");

        var agent = new Agent
        {
            Id = Guid.CreateVersion7(now),
            Uuid = Guid.NewGuid(),
            OrganizationId = organizationId,
            Name = name.Trim(),
            Kind = kind,
            CreatedAt = now,
        };
        agent._versions.Add(AgentVersion.NewDraft(agent.Id, 1, definition, configurations ?? AgentConfigurations.Empty, now));
        return agent;
    }

    /// <summary>Edits the draft, or opens a new draft after the latest version.</summary>
    /// <param name="configurations">
    /// The draft's settings; none keeps the ones it has (a new draft: those of the latest version), so saving a graph
    /// never silently drops an agent's limits or overrides.
    /// </param>
    public AgentVersion SaveDraft(AgentDefinition definition, DateTime now, AgentConfigurations? configurations = null)
    {
        EnsureNotArchived();
        if (Draft is { } draft)
        {
            draft.Replace(definition, configurations ?? Kept(draft));
            return draft;
        }

        var latest = _versions.MaxBy(v => v.Number)!;
        var next = AgentVersion.NewDraft(Id, latest.Number + 1, definition, configurations ?? Kept(latest), now);
        _versions.Add(next);
        return next;
    }

    /// <summary>Promotes the draft; the previously published version retires.</summary>
    public AgentVersion Publish(DateTime now)
    {
        EnsureNotArchived();
        var draft = Draft ?? throw new DomainException($"Agent {Uuid} has no draft to publish.");
        Published?.MarkRetired();
        draft.MarkPublished(now);
        return draft;
    }

    public void Archive(DateTime now)
    {
        if (IsArchived) return;
        IsArchived = true;
        ArchivedAt = now;
    }

    /// <summary>A stored version's configurations, validated when they were saved.</summary>
    private static AgentConfigurations Kept(AgentVersion version) =>
        AgentConfigurations.Parse(version.ConfigurationsJson).Configurations
        ?? throw new DomainException($"Version {version.Number} holds configurations that no longer validate.");

    private void EnsureNotArchived()
    {
        if (IsArchived) throw new DomainException($"Agent {Uuid} is archived.");
    }
}
