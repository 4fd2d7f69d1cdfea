using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Domain.Agents;
using CleanAgent.Domain.Agents.Definitions;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Agents;

/// <summary>
/// Saves the agent's draft: edits the one there is, or opens the next version after the latest. The graph and the
/// configurations are validated (errors name the node, edge or key at fault); configurations not given are kept.
/// </summary>
/// <param name="OrganizationId">The caller's organization: an agent of another is not found. Null for the operator.</param>
public sealed record SaveAgentDraft(Guid AgentUuid, string DefinitionJson, string? ConfigurationsJson = null, Guid? OrganizationId = null)
    : ICommand<Result<SavedDraft>>;

internal sealed class SaveAgentDraftValidator : AbstractValidator<SaveAgentDraft>
{
    public SaveAgentDraftValidator()
    {
        RuleFor(x => x.AgentUuid).NotEmpty();
        RuleFor(x => x.DefinitionJson).NotEmpty().Custom((json, context) =>
        {
            if (string.IsNullOrEmpty(json)) return;
            foreach (var error in AgentDefinition.Parse(json).Errors) context.AddFailure("Definition", error);
        });
        RuleFor(x => x.ConfigurationsJson).Custom((json, context) =>
        {
            if (json is null) return;
            foreach (var error in AgentConfigurations.Parse(json).Errors) context.AddFailure("Configurations", error);
        });
    }
}

internal sealed class SaveAgentDraftHandler(IAppDbContext db, TimeProvider clock) : ICommandHandler<SaveAgentDraft, Result<SavedDraft>>
{
    public async ValueTask<Result<SavedDraft>> Handle(SaveAgentDraft command, CancellationToken cancellationToken)
    {
        var agent = await db.Agents
            .Include(a => a.Versions)
            .Named(command.AgentUuid, command.OrganizationId)
            .SingleOrDefaultAsync(cancellationToken);
        if (agent is null) return new Error(ErrorKind.NotFound, $"Agent {command.AgentUuid} does not exist.");
        if (agent.IsArchived) return new Error(ErrorKind.Conflict, $"Agent {command.AgentUuid} is archived.");

        var definition = AgentDefinition.Parse(command.DefinitionJson).Definition!;
        var configurations = command.ConfigurationsJson is null ? null : AgentConfigurations.Parse(command.ConfigurationsJson).Configurations;
        var draft = agent.SaveDraft(definition, clock.GetUtcNow().UtcDateTime, configurations);
        await db.SaveChangesAsync(cancellationToken);
        return new SavedDraft(agent.Uuid, draft.Id, draft.Number);
    }
}
