namespace CleanAgent.Application.Voice;

/// <summary>
/// Tells admission whether a call's providers can work before it is accepted: a hosted service that needs an API key
/// and has none is not configured; an on-prem server with no key is fine.
/// </summary>
public interface IVoiceProviderConfigurationCheck
{
    /// <summary>Every stage that cannot work, in pipeline order (STT, LLM, TTS); empty when all can.</summary>
    IReadOnlyList<ProviderConfigurationProblem> FindProblems(VoiceProviderSettings settings);
}
