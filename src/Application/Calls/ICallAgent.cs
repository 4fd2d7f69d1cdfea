namespace CleanAgent.Application.Calls;

/// <summary>
/// An agent on a live call: it hears the caller through <see cref="ICallSession.Events"/>, speaks with
/// <see cref="ICallSession.Play"/>, and may end the call. The media session drives it; the voice pipeline and
/// the diagnostic agents implement it.
/// </summary>
public interface ICallAgent
{
    /// <summary>Runs until the agent ends the call, the events channel completes (caller gone), or cancellation.</summary>
    Task RunAsync(ICallSession call, CancellationToken cancellationToken);
}

/// <summary>Makes the agent for a call, by the kind the agent was created with.</summary>
public interface ICallAgentFactory
{
    ICallAgent Create(CallAgentContext context);
}

/// <param name="RunName">The run this call is recorded as.</param>
/// <param name="DefinitionJson">The pinned agent version's conversation graph.</param>
/// <param name="Context">The run's initial context (caller number, custom parameters, …).</param>
public sealed record CallAgentContext(
    Domain.Agents.AgentKind Kind,
    string RunName,
    string DefinitionJson,
    IReadOnlyDictionary<string, string> Context);
