namespace CleanAgent.Application.Voice;

/// <summary>An organization's settings for one stage as they may be shown: whether a key is set, never the key.</summary>
/// <param name="Stage"><c>llm</c>, <c>stt</c> or <c>tts</c>.</param>
public sealed record ProviderSettingsView(string Stage, string? BaseUrl, string? Model, string? Voice, string? Language, string? Provider, bool ApiKeySet, DateTime UpdatedAt);
