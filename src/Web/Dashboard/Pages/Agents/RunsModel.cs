using CleanAgent.Application.Agents;
using CleanAgent.Application.Common;
using CleanAgent.Application.Runs;
using CleanAgent.Web.Common;
using Microsoft.AspNetCore.Mvc;

namespace CleanAgent.Web.Dashboard.Pages.Agents;

/// <summary>
/// <c>/agents/{agentUuid}/runs</c>: a page of the agent's runs (FindRuns, the REST API's query), its filters and page in
/// the query string under the REST API's names. <c>?handler=rows</c> answers the same page as JSON for the live update.
/// </summary>
public sealed class RunsModel(UseCases useCases) : DashboardPageModel(useCases)
{
    [FromRoute]
    public Guid AgentUuid { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    [FromQuery]
    public int PageSize { get; set; } = FindRuns.DefaultPageSize;

    [FromQuery]
    public string? State { get; set; }

    [FromQuery]
    public string? EndReason { get; set; }

    [FromQuery]
    public DateTime? From { get; set; }

    [FromQuery]
    public DateTime? To { get; set; }

    [FromQuery]
    public double? MinDuration { get; set; }

    [FromQuery]
    public double? MaxDuration { get; set; }

    [FromQuery]
    public string? Caller { get; set; }

    [FromQuery]
    public string? Sort { get; set; }

    public AgentDetails Agent { get; private set; } = null!;

    public RunPage? Runs { get; private set; }

    public IReadOnlyList<RunRow> Rows { get; private set; } = [];

    public Error? Problem { get; private set; }

    public static IReadOnlyList<string> States { get; } = ["created", "running", "completed", "failed"];

    public static IReadOnlyList<string> EndReasons { get; } =
    [
        "user_hangup", "agent_ended", "user_idle", "max_duration", "handshake_failed", "handshake_timeout", "quota_exceeded",
        "provider_error", "provider_not_configured", "protocol_error", "server_error", "server_shutdown", "server_lost",
    ];

    public int LastPage => Runs is null || Runs.Total == 0 ? 1 : (Runs.Total + Runs.PageSize - 1) / Runs.PageSize;

    /// <summary>The pager: "Page 2 of 5", and the links either side (null at either end).</summary>
    public string PageOf => $"Page {Runs?.Page ?? PageNumber} of {LastPage}";

    public string? PreviousPage => Runs is { Page: > 1 } runs ? Link(page: runs.Page - 1) : null;

    public string? NextPage => Runs is { } runs && runs.Page < LastPage ? Link(page: runs.Page + 1) : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var agent = await UseCases.Send(new GetAgent(AgentUuid, OrganizationId), ct);
        if (!agent.IsSuccess) return NotFoundPage();
        Agent = agent.Value;

        var runs = await FindAsync(ct);
        if (runs.IsSuccess)
        {
            Runs = runs.Value;
            Rows = Runs.Items.Select(RunDisplay.Row).ToList();
        }
        else Problem = runs.Error;
        return Page();
    }

    public async Task<IActionResult> OnGetRowsAsync(CancellationToken ct)
    {
        var runs = await FindAsync(ct);
        if (!runs.IsSuccess) return runs.Error!.Kind == ErrorKind.NotFound ? NotFoundPage() : BadRequest();
        Runs = runs.Value;
        Response.Headers.CacheControl = "no-store";
        // The pager too: a page that fills up while the tab is open gets its "Next →" without a reload.
        return new JsonResult(new
        {
            rows = runs.Value.Items.Select(RunDisplay.Row), summary = Summary(runs.Value), total = runs.Value.Total,
            pager = new { pageOf = PageOf, prev = PreviousPage, next = NextPage },
        });
    }

    /// <summary>The query string of this page with <paramref name="change"/> applied: the pager's and the live update's links.</summary>
    public string Link(string? handler = null, int? page = null)
    {
        var query = new List<KeyValuePair<string, string?>>();
        if (handler is not null) query.Add(new("handler", handler));
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value)) query.Add(new(name, value));
        }

        var number = page ?? PageNumber;
        if (number != 1) Add("page", number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (PageSize != FindRuns.DefaultPageSize) Add("pageSize", PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("state", State);
        Add("endReason", EndReason);
        Add("from", Local(From));
        Add("to", Local(To));
        Add("minDuration", MinDuration?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("maxDuration", MaxDuration?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("caller", Caller);
        Add("sort", Sort);
        return $"/agents/{AgentUuid}/runs" + Microsoft.AspNetCore.Http.QueryString.Create(query);
    }

    /// <summary>A filter time as a datetime-local field and the query string write it.</summary>
    public static string? Local(DateTime? time) => time?.ToString("yyyy-MM-dd'T'HH':'mm", System.Globalization.CultureInfo.InvariantCulture);

    public static string Summary(RunPage page) => page.Total switch
    {
        0 => "No runs.",
        1 => "1 run.",
        var total => $"{total:N0} runs; page {page.Page} of {(total + page.PageSize - 1) / page.PageSize:N0}.",
    };

    private Task<Result<RunPage>> FindAsync(CancellationToken ct) =>
        UseCases.Send(new FindRuns(AgentUuid, OrganizationId, PageNumber, PageSize, Blank(State), Blank(EndReason), Utc(From), Utc(To),
            MinDuration, MaxDuration, Blank(Caller), Blank(Sort)), ct);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Times in the filters are UTC, as the form says and the REST API reads them.</summary>
    private static DateTime? Utc(DateTime? value) => value is { } time ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : null;
}
