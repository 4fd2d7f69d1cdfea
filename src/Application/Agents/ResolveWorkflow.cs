using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Domain.Agents;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Agents;

/// <summary>
/// Finds the agent a call is for, within the caller's organization, and the version the call will run.
/// An agent of another organization is reported exactly like a missing one.
/// </summary>
public sealed record ResolveWorkflow(Guid OrganizationId, Guid AgentUuid) : IQuery<Result<ResolvedWorkflow>>;

internal sealed class ResolveWorkflowValidator : AbstractValidator<ResolveWorkflow>
{
    public ResolveWorkflowValidator()
    {
        RuleFor(x => x.OrganizationId).NotEmpty();
        RuleFor(x => x.AgentUuid).NotEmpty().WithErrorCode(nameof(ErrorKind.NotFound)).WithMessage(ResolveWorkflowHandler.NotFoundMessage);
    }
}

internal sealed class ResolveWorkflowHandler(IAppDbContext db) : IQueryHandler<ResolveWorkflow, Result<ResolvedWorkflow>>
{
    public const string NotFoundMessage = "Agent not found.";

    public async ValueTask<Result<ResolvedWorkflow>> Handle(ResolveWorkflow query, CancellationToken cancellationToken)
    {
        var agent = await db.Agents.AsNoTracking()
            .Where(a => a.Uuid == query.AgentUuid && a.OrganizationId == query.OrganizationId && !a.IsArchived)
            .Select(a => new { a.Id, a.Uuid, a.Kind })
            .SingleOrDefaultAsync(cancellationToken);
        if (agent is null) return new Error(ErrorKind.NotFound, NotFoundMessage);

        // Published wins over draft; ordering by status puts Published (1) before Draft (0) when descending, and
        // retired versions are never candidates.
        var version = await db.AgentVersions.AsNoTracking()
            .Where(v => v.AgentId == agent.Id && (v.Status == AgentVersionStatus.Published || v.Status == AgentVersionStatus.Draft))
            .OrderByDescending(v => v.Status)
            .Select(v => new { v.Id, v.Number, v.DefinitionJson, v.ConfigurationsJson })
            .FirstOrDefaultAsync(cancellationToken);
        if (version is null) return new Error(ErrorKind.NotFound, NotFoundMessage);

        // Validated when the version was saved; one that no longer parses is a fault (e.g. a newer server's rules), not the caller's.
        var configurations = AgentConfigurations.Parse(version.ConfigurationsJson).Configurations
            ?? throw new InvalidOperationException($"Agent {agent.Uuid} version {version.Number} holds configurations that do not validate.");
        return new ResolvedWorkflow(agent.Id, agent.Uuid, agent.Kind, version.Id, version.Number, version.DefinitionJson, configurations);
    }
}
