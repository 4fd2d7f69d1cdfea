using CleanAgent.Application.Agents;

namespace CleanAgent.Web.Dashboard.Pages.Shared;

/// <summary>What an agent's tabs share: its name, the ⋮ menu (Copy Agent UUID) and which tab is open.</summary>
public sealed record AgentHeader(AgentDetails Agent, string Tab);
