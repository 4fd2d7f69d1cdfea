using System.Security.Claims;
using CleanAgent.Application.Runs;
using CleanAgent.Web.Common;

namespace CleanAgent.Web.Api.Runs;

/// <summary>An agent's runs, a page at a time, and one run whole with its recording.</summary>
internal static class RunsEndpoints
{
    public static void MapRuns(this RouteGroupBuilder api)
    {
        api.MapGet("/agents/{agentUuid:guid}/runs", async (Guid agentUuid, ClaimsPrincipal user, UseCases useCases, CancellationToken ct,
                    int page = 1, int pageSize = FindRuns.DefaultPageSize, string? state = null, string? endReason = null, DateTime? from = null,
                    DateTime? to = null, double? minDuration = null, double? maxDuration = null, string? caller = null, string? sort = null) =>
                ApiResults.From(await useCases.Send(new FindRuns(agentUuid, user.OrganizationId(), page, pageSize, state, endReason,
                    Utc(from), Utc(to), minDuration, maxDuration, caller, sort), ct), runs => TypedResults.Ok(runs)))
            .WithTags("Runs").WithName("ListAgentRuns")
            .WithSummary("A page of the agent's runs, newest first: filter by state, endReason, from/to (created), min/maxDuration (s), caller; sort createdAt or duration (- for descending)")
            .Produces<RunPage>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/runs/{id}", async (string id, ClaimsPrincipal user, UseCases useCases, CancellationToken ct) =>
                ApiResults.From(await useCases.Send(new GetRun(id, user.OrganizationId()), ct), run => TypedResults.Ok(RunResponse.Of(run))))
            .WithTags("Runs").WithName("GetRun").WithSummary("One run whole, by id or WR-AGS- name: contexts, transcript, nodes visited, usage, latency, recording link")
            .Produces<RunResponse>().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/runs/{id}/recording", async (string id, ClaimsPrincipal user, UseCases useCases, CancellationToken ct) =>
            {
                var run = await useCases.Send(new GetRun(id, user.OrganizationId()), ct);
                if (!run.IsSuccess) return ApiResults.Problem(run.Error!);
                if (run.Value.RecordingPath is not { } path || !File.Exists(path))
                    return ApiResults.Problem(new Application.Common.Error(Application.Common.ErrorKind.NotFound, $"Run {run.Value.Name} has no recording."));
                return TypedResults.PhysicalFile(Path.GetFullPath(path), "audio/wav", $"{run.Value.Name}.wav", enableRangeProcessing: true);
            })
            .WithTags("Runs").WithName("GetRunRecording").WithSummary("The run's recording (audio/wav, caller and agent mixed); range requests allowed")
            .Produces(StatusCodes.Status200OK, contentType: "audio/wav").ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>A time without an offset is taken as UTC, as every time in the API is.</summary>
    private static DateTime? Utc(DateTime? value) => value switch
    {
        null => null,
        { Kind: DateTimeKind.Utc } utc => utc,
        { Kind: DateTimeKind.Local } local => local.ToUniversalTime(),
        { } unspecified => DateTime.SpecifyKind(unspecified, DateTimeKind.Utc),
    };
}
