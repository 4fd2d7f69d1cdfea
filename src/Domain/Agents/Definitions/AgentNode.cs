namespace CleanAgent.Domain.Agents.Definitions;

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

public sealed record AgentNode(
    string Id,
    AgentNodeType Type,
    string WireType,
    string Name,
    string Prompt,
    string? Greeting,
    bool AllowInterrupt,
    bool AddGlobalPrompt);
