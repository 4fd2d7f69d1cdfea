using CleanAgent.Application.Voice;

namespace CleanAgent.Application.Runs.Journal;

/// <summary>
/// What one provider used for the call, to be added to the run's totals for that stage, provider and model. Fields
/// that do not apply to the stage are zero (an LLM has no audio seconds, a TTS no tokens).
/// </summary>
/// <param name="Provider">The provider's name or base host (e.g. <c>openai</c>, <c>deepgram</c>, <c>vllm.internal</c>).</param>
/// <param name="AudioSeconds">Caller audio sent to speech-to-text, or agent audio produced by text-to-speech.</param>
public sealed record ProviderUsage(
    VoiceStage Stage,
    string Provider,
    string Model,
    long PromptTokens = 0,
    long CompletionTokens = 0,
    long Characters = 0,
    double AudioSeconds = 0);
