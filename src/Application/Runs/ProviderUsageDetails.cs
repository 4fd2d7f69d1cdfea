namespace CleanAgent.Application.Runs;

/// <summary>One stage, provider and model's totals for a run, as shown.</summary>
/// <param name="Stage"><c>stt</c>, <c>llm</c> or <c>tts</c>.</param>
public sealed record ProviderUsageDetails(
    string Stage,
    string Provider,
    string Model,
    long PromptTokens,
    long CompletionTokens,
    long Characters,
    double AudioSeconds);
