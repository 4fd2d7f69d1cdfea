namespace CleanAgent.Domain.Agents.Definitions;

/// <summary>The node types the runtime acts on; any other type is <see cref="Unknown"/>, kept in the JSON and ignored.</summary>
public enum AgentNodeType
{
    Unknown = 0,
    StartCall,
    AgentNode,
    EndCall,
    GlobalNode,
}

internal static class AgentNodeTypes
{
    public static AgentNodeType FromWireName(string? name) => name switch
    {
        "startCall" => AgentNodeType.StartCall,
        "agentNode" => AgentNodeType.AgentNode,
        "endCall" => AgentNodeType.EndCall,
        "globalNode" => AgentNodeType.GlobalNode,
        _ => AgentNodeType.Unknown,
    };
}
