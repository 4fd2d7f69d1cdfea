using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Domain.Runs;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Runs;

/// <summary>
/// A page of an agent's runs, filtered and sorted as the run list asks: newest first unless <see cref="Sort"/> says
/// otherwise. Every filter narrows an index that starts with the agent (see the run configuration), so a page stays
/// fast in a table of millions.
/// </summary>
/// <param name="OrganizationId">The caller's organization: an agent of another is not found. Null for the operator.</param>
/// <param name="State"><c>created</c>, <c>running</c>, <c>completed</c> or <c>failed</c>.</param>
/// <param name="EndReason">An end reason's code (<c>user_hangup</c>, …).</param>
/// <param name="From">Created at or after (UTC).</param>
/// <param name="To">Created before (UTC).</param>
/// <param name="MinDuration">Seconds, at least.</param>
/// <param name="MaxDuration">Seconds, at most.</param>
/// <param name="Caller">A part of the caller's number.</param>
/// <param name="Sort"><c>createdAt</c> or <c>duration</c>, <c>-</c> first for descending; default <c>-createdAt</c>.</param>
public sealed record FindRuns(
    Guid AgentUuid,
    Guid? OrganizationId = null,
    int Page = 1,
    int PageSize = FindRuns.DefaultPageSize,
    string? State = null,
    string? EndReason = null,
    DateTime? From = null,
    DateTime? To = null,
    double? MinDuration = null,
    double? MaxDuration = null,
    string? Caller = null,
    string? Sort = null) : IQuery<Result<RunPage>>
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;
    public const int MaxPage = 100_000;

    public static readonly IReadOnlyList<string> Sorts = ["createdAt", "-createdAt", "duration", "-duration"];
}

internal sealed class FindRunsValidator : AbstractValidator<FindRuns>
{
    public FindRunsValidator()
    {
        RuleFor(x => x.AgentUuid).NotEmpty();
        RuleFor(x => x.Page).InclusiveBetween(1, FindRuns.MaxPage);
        RuleFor(x => x.PageSize).InclusiveBetween(1, FindRuns.MaxPageSize);
        RuleFor(x => x.State).Must(s => s is null || Enum.TryParse<WorkflowRunState>(s, ignoreCase: true, out _) && !int.TryParse(s, out _))
            .WithMessage("State must be created, running, completed or failed.");
        RuleFor(x => x.EndReason).Must(r => r is null || RunEndReason.FromCode(r) is not null)
            .WithMessage(x => $"End reason '{Shown(x.EndReason)}' is not one of the end reasons (user_hangup, agent_ended, …).");
        RuleFor(x => x.To).GreaterThan(x => x.From).When(x => x.From.HasValue && x.To.HasValue).WithMessage("'to' must be after 'from'.");
        RuleFor(x => x.MinDuration).GreaterThanOrEqualTo(0).When(x => x.MinDuration.HasValue);
        RuleFor(x => x.MaxDuration).GreaterThanOrEqualTo(x => x.MinDuration ?? 0).When(x => x.MaxDuration.HasValue);
        RuleFor(x => x.Caller).MaximumLength(64);
        RuleFor(x => x.Sort).Must(s => s is null || FindRuns.Sorts.Contains(s)).WithMessage("Sort must be createdAt, -createdAt, duration or -duration.");
    }

    /// <summary>An unknown code is echoed only short and printable: it came from outside.</summary>
    private static string Shown(string? value) =>
        value is null ? string.Empty : new string(value.Take(32).Where(c => !char.IsControl(c)).ToArray());
}

internal sealed class FindRunsHandler(IAppDbContext db) : IQueryHandler<FindRuns, Result<RunPage>>
{
    public async ValueTask<Result<RunPage>> Handle(FindRuns query, CancellationToken cancellationToken)
    {
        var agentId = await db.Agents.AsNoTracking()
            .Named(query.AgentUuid, query.OrganizationId)
            .Select(a => (Guid?)a.Id)
            .SingleOrDefaultAsync(cancellationToken);
        if (agentId is null) return new Error(ErrorKind.NotFound, $"Agent {query.AgentUuid} does not exist.");

        var runs = db.WorkflowRuns.AsNoTracking().Where(r => r.AgentId == agentId);
        if (query.State is { } stateName)
        {
            var state = Enum.Parse<WorkflowRunState>(stateName, ignoreCase: true);
            runs = runs.Where(r => r.State == state);
        }

        if (query.EndReason is { } code)
        {
            var reason = RunEndReason.FromCode(code);
            runs = runs.Where(r => r.EndReason == reason);
        }

        if (query.From is { } from) runs = runs.Where(r => r.CreatedAt >= from);
        if (query.To is { } to) runs = runs.Where(r => r.CreatedAt < to);
        if (query.MinDuration is { } min) runs = runs.Where(r => r.DurationSeconds >= min);
        if (query.MaxDuration is { } max) runs = runs.Where(r => r.DurationSeconds <= max);
        if (!string.IsNullOrEmpty(query.Caller)) runs = runs.Where(r => r.CallerNumber != null && r.CallerNumber.Contains(query.Caller));

        var sorted = (query.Sort ?? "-createdAt") switch
        {
            "createdAt" => runs.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id),
            "duration" => runs.OrderBy(r => r.DurationSeconds).ThenByDescending(r => r.CreatedAt),
            "-duration" => runs.OrderByDescending(r => r.DurationSeconds).ThenByDescending(r => r.CreatedAt),
            _ => runs.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id),
        };
        var skipped = (query.Page - 1) * query.PageSize;
        var page = await sorted.Skip(skipped).Take(query.PageSize).ToListAsync(cancellationToken);
        // A page that is not full is the last one: the total is known without counting (a search that finds a few runs
        // among a million need not scan them twice). Otherwise, or past the end, count.
        var total = page.Count is > 0 and var found && found < query.PageSize ? skipped + found : await runs.CountAsync(cancellationToken);
        return new RunPage(page.Select(RunListItemMapper.ToListItem).ToList(), query.Page, query.PageSize, total);
    }
}
