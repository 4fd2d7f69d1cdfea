namespace CleanAgent.Domain.Agents;

public sealed class AgentConfigurationsParseResult
{
    private AgentConfigurationsParseResult(AgentConfigurations? configurations, IReadOnlyList<string> errors)
    {
        Configurations = configurations;
        Errors = errors;
    }

    public AgentConfigurations? Configurations { get; }

    /// <summary>Each error names the key at fault (<c>model_overrides.tts.voice</c>).</summary>
    public IReadOnlyList<string> Errors { get; }

    public bool IsValid => Configurations is not null;

    internal static AgentConfigurationsParseResult Valid(AgentConfigurations configurations) => new(configurations, []);

    internal static AgentConfigurationsParseResult Invalid(IReadOnlyList<string> errors) => new(null, errors);
}
