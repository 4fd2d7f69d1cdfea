using CleanAgent.Application.Agents;
using CleanAgent.Application.ApiKeys;
using CleanAgent.Web.Common;
using Microsoft.AspNetCore.Mvc;

namespace CleanAgent.Web.Dashboard.Pages.Agents;

/// <summary>
/// <c>/agents/{agentUuid}/settings</c>: the Agent UUID to copy, and the Agent Stream URL / CXML builder over the
/// organization's active keys (ListApiKeys: names and prefixes; the key itself was shown once and is pasted here).
/// </summary>
public sealed class SettingsModel(UseCases useCases) : DashboardPageModel(useCases)
{
    [FromRoute]
    public Guid AgentUuid { get; set; }

    public AgentDetails Agent { get; private set; } = null!;

    public IReadOnlyList<ApiKeySummary> Keys { get; private set; } = [];

    /// <summary>This server as a telephony platform reaches it: ws(s):// and the host the browser used.</summary>
    public string PublicStreamBase => (Request.IsHttps ? "wss://" : "ws://") + Request.Host.Value;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var agent = await UseCases.Send(new GetAgent(AgentUuid, OrganizationId), ct);
        if (!agent.IsSuccess) return NotFoundPage();
        Agent = agent.Value;
        Keys = (await UseCases.Send(new ListApiKeys(OrganizationId), ct)).Value;
        return Page();
    }
}
