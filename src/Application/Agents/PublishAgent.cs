using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Agents;

/// <summary>Promotes the agent's draft: new calls run it; the version published before retires; calls in progress keep theirs.</summary>
/// <param name="OrganizationId">The caller's organization: an agent of another is not found. Null for the operator.</param>
public sealed record PublishAgent(Guid AgentUuid, Guid? OrganizationId = null) : ICommand<Result<PublishedVersion>>;

internal sealed class PublishAgentValidator : AbstractValidator<PublishAgent>
{
    public PublishAgentValidator() => RuleFor(x => x.AgentUuid).NotEmpty();
}

internal sealed class PublishAgentHandler(IAppDbContext db, TimeProvider clock) : ICommandHandler<PublishAgent, Result<PublishedVersion>>
{
    public async ValueTask<Result<PublishedVersion>> Handle(PublishAgent command, CancellationToken cancellationToken)
    {
        var agent = await db.Agents
            .Include(a => a.Versions)
            .Named(command.AgentUuid, command.OrganizationId)
            .SingleOrDefaultAsync(cancellationToken);
        if (agent is null) return new Error(ErrorKind.NotFound, $"Agent {command.AgentUuid} does not exist.");
        if (agent.IsArchived) return new Error(ErrorKind.Conflict, $"Agent {command.AgentUuid} is archived.");
        if (agent.Draft is null) return new Error(ErrorKind.Conflict, $"Agent {command.AgentUuid} has no draft to publish (version {agent.Published?.Number} is published).");

        var version = agent.Publish(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return new PublishedVersion(agent.Uuid, version.Id, version.Number, version.PublishedAt!.Value);
    }
}
