using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Agents;

/// <summary>Takes an agent out of service: new calls to it are refused; its runs stay visible.</summary>
/// <param name="OrganizationId">The caller's organization: an agent of another is not found. Null for the operator.</param>
public sealed record ArchiveAgent(Guid AgentUuid, Guid? OrganizationId = null) : ICommand<Result>;

internal sealed class ArchiveAgentValidator : AbstractValidator<ArchiveAgent>
{
    public ArchiveAgentValidator() => RuleFor(x => x.AgentUuid).NotEmpty();
}

internal sealed class ArchiveAgentHandler(IAppDbContext db, TimeProvider clock) : ICommandHandler<ArchiveAgent, Result>
{
    public async ValueTask<Result> Handle(ArchiveAgent command, CancellationToken cancellationToken)
    {
        var agent = await db.Agents.Named(command.AgentUuid, command.OrganizationId).SingleOrDefaultAsync(cancellationToken);
        if (agent is null) return new Error(ErrorKind.NotFound, $"Agent {command.AgentUuid} does not exist.");

        agent.Archive(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
