using CleanAgent.Domain.Agents;

namespace CleanAgent.Application.Agents;

/// <summary>An agent kind as the CLI and the API write it: <c>voice</c>, <c>echo</c>.</summary>
internal static class AgentKindName
{
    public static string Of(AgentKind kind) => kind.ToString().ToLowerInvariant();
}
