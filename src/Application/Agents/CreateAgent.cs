using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Domain.Agents;
using CleanAgent.Domain.Agents.Definitions;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Agents;

/// <param name="DefinitionJson">The conversation graph; null for the minimal start → end graph.</param>
/// <param name="Publish">Publish the first version at once; otherwise calls run the draft.</param>
/// <param name="Kind">What drives the calls: the voice pipeline (default) or a diagnostic agent such as echo.</param>
/// <param name="ConfigurationsJson">
/// The version's settings beside its graph (Dograh's <c>workflow_configurations</c>); null for the server's defaults.
/// </param>
public sealed record CreateAgent(Guid OrganizationId, string Name, string? DefinitionJson, bool Publish, AgentKind Kind = AgentKind.Voice,
    string? ConfigurationsJson = null)
    : ICommand<Result<CreatedAgent>>;

internal sealed class CreateAgentValidator : AbstractValidator<CreateAgent>
{
    public CreateAgentValidator()
    {
        RuleFor(x => x.OrganizationId).NotEmpty();
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.DefinitionJson).Custom((json, context) =>
        {
            if (json is null) return;
            foreach (var error in AgentDefinition.Parse(json).Errors) context.AddFailure("Definition", error);
        });
        RuleFor(x => x.ConfigurationsJson).Custom((json, context) =>
        {
            foreach (var error in AgentConfigurations.Parse(json).Errors) context.AddFailure("Configurations", error);
        });
    }
}

internal sealed class CreateAgentHandler(IAppDbContext db, TimeProvider clock) : ICommandHandler<CreateAgent, Result<CreatedAgent>>
{
    public async ValueTask<Result<CreatedAgent>> Handle(CreateAgent command, CancellationToken cancellationToken)
    {
        if (!await db.Organizations.AnyAsync(o => o.Id == command.OrganizationId, cancellationToken))
            return new Error(ErrorKind.NotFound, $"Organization {command.OrganizationId} does not exist.");

        var parsed = AgentDefinition.Parse(command.DefinitionJson ?? AgentDefinition.MinimalJson);
        if (parsed.Definition is null) return new Error(ErrorKind.Validation, string.Join(" ", parsed.Errors));
        var configurations = AgentConfigurations.Parse(command.ConfigurationsJson);
        if (configurations.Configurations is null) return new Error(ErrorKind.Validation, string.Join(" ", configurations.Errors));

        var now = clock.GetUtcNow().UtcDateTime;
        var agent = Agent.Create(command.OrganizationId, command.Name, parsed.Definition, now, command.Kind, configurations.Configurations);
        var version = command.Publish ? agent.Publish(now) : agent.Draft!;
        db.Agents.Add(agent);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedAgent(agent.Id, agent.Uuid, version.Id);
    }
}
