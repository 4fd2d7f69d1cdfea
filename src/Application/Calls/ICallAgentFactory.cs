namespace CleanAgent.Application.Calls;

/// <summary>Makes the agent for a call, by the kind the agent was created with.</summary>
public interface ICallAgentFactory
{
    ICallAgent Create(CallAgentContext context);
}
