using CleanAgent.Application.Voice;
using CleanAgent.Domain.Agents;

namespace CleanAgent.Application.Calls;

/// <summary>What the agent of one admitted call is made from.</summary>
/// <param name="RunId">The run this call is recorded as.</param>
/// <param name="RunName">Its name, for log lines.</param>
/// <param name="OrganizationId">Whose call it is (its provider settings, later its overrides).</param>
/// <param name="DefinitionJson">The pinned agent version's conversation graph.</param>
/// <param name="Configurations">The pinned version's configurations (limits, model overrides, recording, dictionary).</param>
/// <param name="Context">The run's initial context (caller number, custom parameters, …).</param>
/// <param name="Providers">
/// A voice call's providers: the server's <c>Voice:*</c> with the organization's own settings over them (its keys
/// included). Null for an agent that uses none.
/// </param>
public sealed record CallAgentContext(
    AgentKind Kind,
    Guid RunId,
    string RunName,
    Guid OrganizationId,
    string DefinitionJson,
    AgentConfigurations Configurations,
    IReadOnlyDictionary<string, string> Context,
    VoiceProviderSettings? Providers = null);
