using System.Text.Json;
using CleanAgent.Application.Agents;
using CleanAgent.Application.Common;
using CleanAgent.Web.Common;
using Microsoft.AspNetCore.Mvc;

namespace CleanAgent.Web.Dashboard.Pages.Agents;

/// <summary>
/// <c>/agents/{agentUuid}</c>: the draft's definition and configurations as JSON (SaveAgentDraft validates them and
/// names the node, edge or key at fault), publish (PublishAgent), and every version (GetAgent).
/// </summary>
public sealed class EditorModel(UseCases useCases) : DashboardPageModel(useCases)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [FromRoute]
    public Guid AgentUuid { get; set; }

    public AgentDetails Agent { get; private set; } = null!;

    [BindProperty]
    public string Definition { get; set; } = string.Empty;

    [BindProperty]
    public string Configurations { get; set; } = string.Empty;

    public Error? Problem { get; private set; }

    public string? Saved { get; private set; }

    /// <summary>The version the editor opens: the draft, or the latest when there is none.</summary>
    public AgentVersionDetails? Editing { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? saved, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFoundPage();
        Definition = JsonSerializer.Serialize(Editing!.Definition, Indented);
        Configurations = JsonSerializer.Serialize(Editing.Configurations, Indented);
        Saved = saved;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        var saved = await UseCases.Send(new SaveAgentDraft(AgentUuid, Definition, string.IsNullOrWhiteSpace(Configurations) ? null : Configurations, OrganizationId), ct);
        if (saved.IsSuccess) return Redirect($"/agents/{AgentUuid}?saved=draft");
        if (saved.Error!.Kind == ErrorKind.NotFound) return NotFoundPage();
        Problem = saved.Error;
        return await LoadAsync(ct) ? Page() : NotFoundPage();
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct)
    {
        var published = await UseCases.Send(new PublishAgent(AgentUuid, OrganizationId), ct);
        if (published.IsSuccess) return Redirect($"/agents/{AgentUuid}?saved=published");
        if (published.Error!.Kind == ErrorKind.NotFound) return NotFoundPage();
        Problem = published.Error;
        return await OnGetAsync(null, ct);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var agent = await UseCases.Send(new GetAgent(AgentUuid, OrganizationId), ct);
        if (!agent.IsSuccess) return false;
        Agent = agent.Value;
        Editing = Agent.Versions.FirstOrDefault(v => v.Status == "draft") ?? (Agent.Versions.Count > 0 ? Agent.Versions[0] : null);
        return Editing is not null;
    }
}
