namespace CleanAgent.Domain.Agents.Definitions;

public sealed class AgentDefinitionParseResult
{
    private AgentDefinitionParseResult(AgentDefinition? definition, IReadOnlyList<string> errors)
    {
        Definition = definition;
        Errors = errors;
    }

    public AgentDefinition? Definition { get; }

    /// <summary>Each error names the node or edge at fault.</summary>
    public IReadOnlyList<string> Errors { get; }

    public bool IsValid => Definition is not null;

    internal static AgentDefinitionParseResult Valid(AgentDefinition definition) => new(definition, []);

    internal static AgentDefinitionParseResult Invalid(IReadOnlyList<string> errors) => new(null, errors);
}
