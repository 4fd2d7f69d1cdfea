using System.Security.Claims;
using CleanAgent.Application.ApiKeys;
using CleanAgent.Web.Common;

namespace CleanAgent.Web.Api.ApiKeys;

/// <summary><c>/api/v1/api-keys</c>: the organization's keys. The key itself is shown once, when it is created.</summary>
internal static class ApiKeysEndpoints
{
    public static void MapApiKeys(this RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/api-keys").WithTags("API keys");

        keys.MapPost("/", async (CreateApiKeyRequest body, ClaimsPrincipal user, UseCases useCases, CancellationToken ct) =>
                ApiResults.From(await useCases.Send(new CreateApiKey(user.OrganizationId(), body.Name), ct),
                    key => TypedResults.Created($"/api/v1/api-keys/{key.Id}", new CreatedApiKeyResponse(key.Id, key.Name, key.DisplayPrefix, key.CreatedAt, key.Key.Value))))
            .WithName("CreateApiKey").WithSummary("Create an API key; the response is the only time the key is shown")
            .Produces<CreatedApiKeyResponse>(StatusCodes.Status201Created).ProducesValidationProblem();

        keys.MapGet("/", async (ClaimsPrincipal user, UseCases useCases, CancellationToken ct, bool includeArchived = false) =>
                ApiResults.From(await useCases.Send(new ListApiKeys(user.OrganizationId(), includeArchived), ct), list => TypedResults.Ok(list)))
            .WithName("ListApiKeys").WithSummary("List the organization's API keys, newest first (never the keys themselves)")
            .Produces<IReadOnlyList<ApiKeySummary>>();

        keys.MapPost("/{id:guid}/archive", async (Guid id, ClaimsPrincipal user, UseCases useCases, CancellationToken ct) =>
                ApiResults.From(await useCases.Send(new ArchiveApiKey(id, user.OrganizationId()), ct), () => TypedResults.NoContent()))
            .WithName("ArchiveApiKey").WithSummary("Revoke a key at once: API requests and Agent Stream calls presenting it are refused")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);

        keys.MapPost("/{id:guid}/reactivate", async (Guid id, ClaimsPrincipal user, UseCases useCases, CancellationToken ct) =>
                ApiResults.From(await useCases.Send(new ReactivateApiKey(id, user.OrganizationId()), ct), () => TypedResults.NoContent()))
            .WithName("ReactivateApiKey").WithSummary("Restore an archived key")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
    }
}
