namespace CleanAgent.Application.Voice;

/// <summary>Why a stage cannot work with the settings it has; admission refuses the call with this reason.</summary>
/// <param name="Setting">The setting to fix, named as configured, e.g. <c>Voice:Llm:ApiKey</c>.</param>
/// <param name="Reason">A sentence naming the setting, safe to show (no secret).</param>
public sealed record ProviderConfigurationProblem(VoiceStage Stage, string Setting, string Reason);
