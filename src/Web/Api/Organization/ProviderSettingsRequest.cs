namespace CleanAgent.Web.Api.Organization;

/// <summary>
/// One stage's provider for the organization's calls; what is left out is the server's. <c>apiKey</c> is write-only:
/// left out, the stored key stays; <c>""</c> removes it.
/// </summary>
/// <param name="Voice">Text-to-speech only.</param>
/// <param name="Language">Speech-to-text only.</param>
/// <param name="Provider">Speech-to-text only: <c>openai</c> or <c>deepgram</c>.</param>
public sealed record ProviderSettingsRequest(string? BaseUrl, string? Model, string? Voice, string? Language, string? Provider, string? ApiKey);
