using System.Security.Claims;
using System.Text.Json;
using CleanAgent.Application.Agents;
using CleanAgent.Application.Common;
using CleanAgent.Domain.Agents;
using CleanAgent.Web.Common;

namespace CleanAgent.Web.Api.Agents;

/// <summary><c>/api/v1/agents</c>: the organization's agents, their drafts and published versions.</summary>
internal static class AgentsEndpoints
{
    public static void MapAgents(this RouteGroupBuilder api)
    {
        var agents = api.MapGroup("/agents").WithTags("Agents");

        agents.MapPost("/", async (CreateAgentRequest body, ClaimsPrincipal user, UseCases useCases, CancellationToken ct) =>
            {
                if (!TryKind(body.Kind, out var kind))
                    return ApiResults.Problem(new Error(ErrorKind.Validation, "Kind must be voice or echo.", new Dictionary<string, string[]> { ["kind"] = ["Kind must be voice or echo."] }));
                var organizationId = user.OrganizationId();
                var created = await useCases.Send(new CreateAgent(organizationId, body.Name, Json(body.Definition), Publish: false, kind, Json(body.Configurations)), ct);
                if (!created.IsSuccess) return ApiResults.Problem(created.Error!);
                return ApiResults.From(await useCases.Send(new GetAgent(created.Value.AgentUuid, organizationId), ct),
                    agent => TypedResults.Created($"/api/v1/agents/{agent.AgentUuid}", agent));
            })
            .WithName("CreateAgent").WithSummary("Create an agent with a draft version")
            .Produces<AgentDetails>(StatusCodes.Status201Created).ProducesValidationProblem();

        agents.MapPost("/import", async (DograhWorkflowExport body, ClaimsPrincipal user, UseCases useCases, CancellationToken ct) =>
            {
                var organizationId = user.OrganizationId();
                var created = await useCases.Send(new CreateAgent(organizationId, body.Name, body.WorkflowDefinition.GetRawText(), Publish: false,
                    AgentKind.Voice, Json(body.WorkflowConfigurations)), ct);
                if (!created.IsSuccess) return ApiResults.Problem(created.Error!);
                return ApiResults.From(await useCases.Send(new GetAgent(created.Value.AgentUuid, organizationId), ct),
                    agent => TypedResults.Created($"/api/v1/agents/{agent.AgentUuid}", agent));
            })
            .WithName("ImportAgent").WithSummary("Create an agent (a draft) from a Dograh workflow export: {name, workflow_definition, workflow_configurations}")
            .Produces<AgentDetails>(StatusCodes.Status201Created).ProducesValidationProblem();

        agents.MapGet("/{agentUuid:guid}/export", async (Guid agentUuid, ClaimsPrincipal user, UseCases useCases, CancellationToken ct) =>
                ApiResults.From(await useCases.Send(new GetAgent(agentUuid, user.OrganizationId()), ct), agent =>
                {
                    // The version a new call runs: the published one, or the draft while nothing is published.
                    var version = agent.Versions.FirstOrDefault(v => v.Status == "published") ?? agent.Versions[0];
                    return TypedResults.Ok(new DograhWorkflowExport(agent.Name, version.Definition, version.Configurations));
                }))
            .WithName("ExportAgent").WithSummary("The agent as a Dograh workflow export (the version calls run), for import elsewhere")
            .Produces<DograhWorkflowExport>().ProducesProblem(StatusCodes.Status404NotFound);

        agents.MapGet("/", async (ClaimsPrincipal user, UseCases useCases, CancellationToken ct, bool includeArchived = false) =>
                ApiResults.From(await useCases.Send(new ListAgents(user.OrganizationId(), includeArchived), ct), list => TypedResults.Ok(list)))
            .WithName("ListAgents").WithSummary("List the organization's agents, newest first")
            .Produces<IReadOnlyList<AgentSummary>>();

        agents.MapGet("/{agentUuid:guid}", async (Guid agentUuid, ClaimsPrincipal user, UseCases useCases, CancellationToken ct) =>
                ApiResults.From(await useCases.Send(new GetAgent(agentUuid, user.OrganizationId()), ct), agent => TypedResults.Ok(agent)))
            .WithName("GetAgent").WithSummary("One agent with its versions, newest first")
            .Produces<AgentDetails>().ProducesProblem(StatusCodes.Status404NotFound);

        agents.MapPut("/{agentUuid:guid}/draft", async (Guid agentUuid, SaveDraftRequest body, ClaimsPrincipal user, UseCases useCases, CancellationToken ct) =>
                ApiResults.From(await useCases.Send(new SaveAgentDraft(agentUuid, body.Definition.GetRawText(), Json(body.Configurations), user.OrganizationId()), ct),
                    draft => TypedResults.Ok(draft)))
            .WithName("SaveAgentDraft").WithSummary("Save the draft: validated, errors name the node or edge at fault")
            .Produces<SavedDraft>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        agents.MapPost("/{agentUuid:guid}/publish", async (Guid agentUuid, ClaimsPrincipal user, UseCases useCases, CancellationToken ct) =>
                ApiResults.From(await useCases.Send(new PublishAgent(agentUuid, user.OrganizationId()), ct), version => TypedResults.Ok(version)))
            .WithName("PublishAgent").WithSummary("The draft becomes the published version; calls in progress keep theirs")
            .Produces<PublishedVersion>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        agents.MapPost("/{agentUuid:guid}/archive", async (Guid agentUuid, ClaimsPrincipal user, UseCases useCases, CancellationToken ct) =>
                ApiResults.From(await useCases.Send(new ArchiveAgent(agentUuid, user.OrganizationId()), ct), () => TypedResults.NoContent()))
            .WithName("ArchiveAgent").WithSummary("Archive an agent: calls to it are refused (1008, like a missing agent)")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static string? Json(JsonElement? element) =>
        element is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } value ? value.GetRawText() : null;

    private static bool TryKind(string? name, out AgentKind kind)
    {
        kind = AgentKind.Voice;
        return name is null || (Enum.TryParse(name, ignoreCase: true, out kind) && Enum.IsDefined(kind) && !int.TryParse(name, out _));
    }
}
