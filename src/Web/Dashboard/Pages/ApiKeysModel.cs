using CleanAgent.Application.ApiKeys;
using CleanAgent.Application.Common;
using CleanAgent.Web.Common;
using Microsoft.AspNetCore.Mvc;

namespace CleanAgent.Web.Dashboard.Pages;

/// <summary>
/// <c>/api-keys</c>: the organization's keys with their last use (ListApiKeys), a new one (CreateApiKey: the key is in
/// this one response and nowhere else, not even a redirect's cookie), archive and reactivate.
/// </summary>
public sealed class ApiKeysModel(UseCases useCases) : DashboardPageModel(useCases)
{
    public IReadOnlyList<ApiKeySummary> Keys { get; private set; } = [];

    [BindProperty]
    public string Name { get; set; } = string.Empty;

    /// <summary>The key just made: shown in this response only.</summary>
    public CreatedApiKey? Created { get; private set; }

    public Error? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Keys = (await UseCases.Send(new ListApiKeys(OrganizationId, IncludeArchived: true), ct)).Value;

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var created = await UseCases.Send(new CreateApiKey(OrganizationId, Name.Trim()), ct);
        if (created.IsSuccess)
        {
            Created = created.Value;
            Name = string.Empty;
            Response.Headers.CacheControl = "no-store";
        }
        else Problem = created.Error;
        await OnGetAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostArchiveAsync(Guid id, CancellationToken ct) =>
        Done(await UseCases.Send(new ArchiveApiKey(id, OrganizationId), ct));

    public async Task<IActionResult> OnPostReactivateAsync(Guid id, CancellationToken ct) =>
        Done(await UseCases.Send(new ReactivateApiKey(id, OrganizationId), ct));

    private IActionResult Done(Result result) => result.IsSuccess ? Redirect("/api-keys") : NotFoundPage();
}
