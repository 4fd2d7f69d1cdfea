using CleanAgent.Application.Agents;
using CleanAgent.Application.Common;
using CleanAgent.Domain.Agents;
using CleanAgent.Web.Common;
using Microsoft.AspNetCore.Mvc;

namespace CleanAgent.Web.Dashboard.Pages;

/// <summary><c>/</c>: the organization's agents (ListAgents), and a new one (CreateAgent, a draft).</summary>
public sealed class AgentsModel(UseCases useCases) : DashboardPageModel(useCases)
{
    public IReadOnlyList<AgentSummary> Agents { get; private set; } = [];

    [BindProperty]
    public string Name { get; set; } = string.Empty;

    [BindProperty]
    public string Kind { get; set; } = "voice";

    public Error? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Agents = (await UseCases.Send(new ListAgents(OrganizationId), ct)).Value;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var kind = Kind == "echo" ? AgentKind.Echo : AgentKind.Voice;
        var created = await UseCases.Send(new CreateAgent(OrganizationId, Name, DefinitionJson: null, Publish: false, kind), ct);
        if (created.IsSuccess) return Redirect($"/agents/{created.Value.AgentUuid}");
        Problem = created.Error;
        await OnGetAsync(ct);
        return Page();
    }
}
