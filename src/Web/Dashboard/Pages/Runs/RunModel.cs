using CleanAgent.Application.Runs;
using CleanAgent.Web.Common;
using Microsoft.AspNetCore.Mvc;

namespace CleanAgent.Web.Dashboard.Pages.Runs;

/// <summary>
/// <c>/runs/{id}</c>: one run whole (GetRun, scoped to the organization): state and timeline, the transcript as a
/// conversation with node changes, contexts, usage, latency per turn, the recording (<c>?handler=recording</c>, the
/// same file as the REST route, behind the sign-in cookie), the end reason in words.
/// </summary>
public sealed class RunModel(UseCases useCases) : DashboardPageModel(useCases)
{
    [FromRoute]
    public string Id { get; set; } = string.Empty;

    public RunDetails Run { get; private set; } = null!;

    public bool HasRecording { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var run = await UseCases.Send(new GetRun(Id, OrganizationId), ct);
        if (!run.IsSuccess) return NotFoundPage();
        Run = run.Value;
        HasRecording = Run.RecordingPath is { } path && System.IO.File.Exists(path);
        return Page();
    }

    public async Task<IActionResult> OnGetRecordingAsync(CancellationToken ct)
    {
        var run = await UseCases.Send(new GetRun(Id, OrganizationId), ct);
        if (!run.IsSuccess || run.Value.RecordingPath is not { } path || !System.IO.File.Exists(path)) return NotFoundPage();
        return new PhysicalFileResult(Path.GetFullPath(path), "audio/wav") { FileDownloadName = $"{run.Value.Name}.wav", EnableRangeProcessing = true };
    }

    /// <summary>The conversation in order: each turn, and the node changes between them (by time from the call's start).</summary>
    public IEnumerable<object> Conversation()
    {
        var visits = Run.NodesVisited.OrderBy(v => v.AtMs).ThenBy(v => v.Sequence).ToList();
        var next = 0;
        foreach (var turn in Run.Transcript.OrderBy(t => t.Sequence))
        {
            while (next < visits.Count && visits[next].AtMs <= turn.StartMs) yield return visits[next++];
            yield return turn;
        }

        while (next < visits.Count) yield return visits[next++];
    }

    public static string Ms(long ms) => TimeSpan.FromMilliseconds(ms).ToString(ms >= 3_600_000 ? @"h\:mm\:ss" : @"m\:ss\.f", System.Globalization.CultureInfo.InvariantCulture);
}
