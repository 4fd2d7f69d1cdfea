using System.Security.Claims;
using System.Text.Json;
using CleanAgent.Application.Common;
using CleanAgent.Application.Organizations;
using CleanAgent.Application.Voice;
using CleanAgent.Web.Common;

namespace CleanAgent.Web.Api.Organization;

/// <summary><c>/api/v1/organization</c>: the caller's organization, its limits and its usage now.</summary>
internal static class OrganizationEndpoints
{
    public static void MapOrganization(this RouteGroupBuilder api)
    {
        var organization = api.MapGroup("/organization").WithTags("Organization");

        organization.MapGet("/", async (ClaimsPrincipal user, UseCases useCases, CancellationToken ct) =>
                ApiResults.From(await useCases.Send(new GetOrganization(user.OrganizationId()), ct), details => TypedResults.Ok(details)))
            .WithName("GetOrganization").WithSummary("Limits (concurrentCallLimit, monthlyMinutes) and usage now (activeCalls, minutesThisMonth)")
            .Produces<OrganizationDetails>();

        // PATCH: a field left out stays as it is; "monthlyMinutes": null lifts the monthly limit. Hence the body is
        // read as JSON rather than bound to a record, where absent and null would look the same.
        organization.MapPatch("/", async (JsonElement body, ClaimsPrincipal user, UseCases useCases, CancellationToken ct) =>
            {
                if (ChangeLimitsRequest.Read(body) is not { } change)
                    return ApiResults.Problem(ChangeLimitsRequest.Invalid);
                var organizationId = user.OrganizationId();
                var changed = await useCases.Send(new ChangeOrganizationLimits(organizationId, change.ConcurrentCallLimit, change.MonthlyMinutes, change.UnlimitedMinutes), ct);
                if (!changed.IsSuccess) return ApiResults.Problem(changed.Error!);
                return ApiResults.From(await useCases.Send(new GetOrganization(organizationId), ct), details => TypedResults.Ok(details));
            })
            .WithName("ChangeOrganizationLimits").WithSummary("Change the limits: {concurrentCallLimit?, monthlyMinutes? (null: unlimited)}")
            .Accepts<ChangeLimitsRequest>("application/json")
            .Produces<OrganizationDetails>().ProducesValidationProblem();

        organization.MapGet("/providers", async (ClaimsPrincipal user, UseCases useCases, CancellationToken ct) =>
                ApiResults.From(await useCases.Send(new ListProviderSettings(user.OrganizationId()), ct), list => TypedResults.Ok(list)))
            .WithName("ListProviderSettings").WithSummary("The stages with the organization's own provider (the others use the server's); keys never shown")
            .Produces<IReadOnlyList<ProviderSettingsView>>();

        organization.MapPut("/providers/{stage}", async (string stage, ProviderSettingsRequest body, ClaimsPrincipal user, UseCases useCases, CancellationToken ct) =>
            {
                if (VoiceStageCode.Parse(stage) is not { } voiceStage)
                    return ApiResults.Problem(new Error(ErrorKind.NotFound, "A provider stage is llm, stt or tts."));
                return ApiResults.From(await useCases.Send(new SetProviderSettings(user.OrganizationId(), voiceStage, body.BaseUrl, body.Model, body.Voice,
                    body.Language, body.Provider, body.ApiKey is null ? null : new Secret(body.ApiKey)), ct), view => TypedResults.Ok(view));
            })
            .WithName("SetProviderSettings")
            .WithSummary("The organization's own provider for a stage (llm, stt, tts), over the server's for its calls; the key is write-only and stored encrypted")
            .Produces<ProviderSettingsView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
