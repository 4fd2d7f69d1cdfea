namespace CleanAgent.CallSimulator.FakeProviders;

/// <summary>One <c>audio/speech</c> request that reached <see cref="FakeOpenAiApi"/>, and how much audio it was sent.</summary>
/// <param name="Authorization">The raw Authorization header, or null.</param>
/// <param name="Model">The <c>model</c> field.</param>
/// <param name="Voice">The <c>voice</c> field.</param>
/// <param name="Input">The <c>input</c> field: the text to speak.</param>
/// <param name="ResponseFormat">The <c>response_format</c> field.</param>
public sealed record RecordedSpeechRequest(string? Authorization, string? Model, string? Voice, string? Input, string? ResponseFormat);
