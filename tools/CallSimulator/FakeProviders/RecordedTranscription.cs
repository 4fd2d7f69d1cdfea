namespace CleanAgent.CallSimulator.FakeProviders;

/// <summary>One <c>audio/transcriptions</c> request that reached <see cref="FakeOpenAiApi"/>.</summary>
/// <param name="Authorization">The raw Authorization header, or null.</param>
/// <param name="Fields">The multipart form's text fields (<c>model</c>, <c>language</c>, <c>prompt</c>, <c>response_format</c>…).</param>
/// <param name="FileName">The uploaded file's name.</param>
/// <param name="FileContentType">The uploaded file's content type.</param>
/// <param name="Wav">The uploaded file's bytes.</param>
public sealed record RecordedTranscription(
    string? Authorization,
    IReadOnlyDictionary<string, string> Fields,
    string? FileName,
    string? FileContentType,
    byte[] Wav);
