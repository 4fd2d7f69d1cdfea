using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Agents;

/// <summary>Takes an agent out of service: new calls to it are refused; its runs stay visible.</summary>
public sealed record ArchiveAgent(Guid AgentUuid) : ICommand<Result>;

internal sealed class ArchiveAgentValidator : AbstractValidator<ArchiveAgent>
{
    public ArchiveAgentValidator() => RuleFor(x => x.AgentUuid).NotEmpty();
}

internal sealed class ArchiveAgentHandler(IAppDbContext db, TimeProvider clock) : ICommandHandler<ArchiveAgent, Result>
{
    public async ValueTask<Result> Handle(ArchiveAgent command, CancellationToken cancellationToken)
    {
        var agent = await db.Agents.SingleOrDefaultAsync(a => a.Uuid == command.AgentUuid, cancellationToken);
        if (agent is null) return new Error(ErrorKind.NotFound, $"Agent {command.AgentUuid} does not exist.");

        agent.Archive(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
