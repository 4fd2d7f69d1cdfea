using System.Text.Json;
using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Agents;

/// <summary>One agent with every version's graph and configurations.</summary>
/// <param name="OrganizationId">The caller's organization: an agent of another is not found. Null for the operator, who sees every organization.</param>
public sealed record GetAgent(Guid AgentUuid, Guid? OrganizationId = null) : IQuery<Result<AgentDetails>>;

internal sealed class GetAgentValidator : AbstractValidator<GetAgent>
{
    public GetAgentValidator() => RuleFor(x => x.AgentUuid).NotEmpty();
}

internal sealed class GetAgentHandler(IAppDbContext db) : IQueryHandler<GetAgent, Result<AgentDetails>>
{
    public async ValueTask<Result<AgentDetails>> Handle(GetAgent query, CancellationToken cancellationToken)
    {
        var agent = await db.Agents.AsNoTracking()
            .Named(query.AgentUuid, query.OrganizationId)
            .SingleOrDefaultAsync(cancellationToken);
        if (agent is null) return new Error(ErrorKind.NotFound, $"Agent {query.AgentUuid} does not exist.");

        var versions = await db.AgentVersions.AsNoTracking()
            .Where(v => v.AgentId == agent.Id)
            .OrderByDescending(v => v.Number)
            .ToListAsync(cancellationToken);
        return new AgentDetails(agent.Id, agent.Uuid, agent.OrganizationId, agent.Name, AgentKindName.Of(agent.Kind), agent.IsArchived, agent.CreatedAt,
            agent.ArchivedAt,
            versions.Select(v => new AgentVersionDetails(v.Id, v.Number, v.Status.ToString().ToLowerInvariant(), Parsed(v.DefinitionJson),
                Parsed(v.ConfigurationsJson), v.CreatedAt, v.PublishedAt)).ToList());
    }

    /// <summary>Stored JSON was validated when saved; it is shown as JSON, not as a string of it.</summary>
    private static JsonElement Parsed(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
