namespace CleanAgent.Infrastructure.Voice;

/// <summary>Names of the provider HTTP clients, each with its own resilience pipeline (see <see cref="VoiceRegistration"/>).</summary>
internal static class VoiceHttpClients
{
    public const string Llm = "CleanAgent.Voice.Llm";
    public const string SpeechToText = "CleanAgent.Voice.Stt";
    public const string TextToSpeech = "CleanAgent.Voice.Tts";

    /// <summary><c>{BaseUrl}/{path}</c>, whether or not the base URL ends with a slash (<c>…/v1</c> and <c>…/v1/</c> both occur).</summary>
    public static Uri Endpoint(Uri baseUrl, string path) => new(baseUrl.AbsoluteUri.TrimEnd('/') + "/" + path);
}
