namespace CleanAgent.Application.Runs;

/// <param name="Total">How many runs match the filters, over every page.</param>
public sealed record RunPage(IReadOnlyList<RunListItem> Items, int Page, int PageSize, int Total);
