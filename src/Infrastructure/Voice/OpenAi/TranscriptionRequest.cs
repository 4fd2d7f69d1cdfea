using System.Net.Http.Headers;

namespace CleanAgent.Infrastructure.Voice.OpenAi;

/// <summary>The multipart body of <c>POST {BaseUrl}/audio/transcriptions</c>, as OpenAI, faster-whisper servers, speaches and vLLM read it.</summary>
internal static class TranscriptionRequest
{
    /// <summary>Whisper reads at most 224 prompt tokens; a few hundred characters of terms stay well within that.</summary>
    public const int MaxPromptCharacters = 600;

    /// <param name="wav">The utterance: 16-bit PCM mono WAV at 8 kHz (Whisper-family servers resample to 16 kHz themselves).</param>
    /// <param name="keyterms">The agent's dictionary, passed as the <c>prompt</c>: Whisper spells what its prompt contains.</param>
    public static MultipartFormDataContent Build(byte[] wav, string model, string language, IReadOnlyList<string> keyterms)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(wav);
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        content.Add(file, "file", "utterance.wav");
        content.Add(new StringContent(model), "model");
        if (!string.IsNullOrWhiteSpace(language)) content.Add(new StringContent(language), "language");
        var prompt = Prompt(keyterms);
        if (prompt is not null) content.Add(new StringContent(prompt), "prompt");
        content.Add(new StringContent("json"), "response_format");
        return content;
    }

    /// <summary>The terms, comma-separated, cut at a whole term before <see cref="MaxPromptCharacters"/>; null when there are none.</summary>
    public static string? Prompt(IReadOnlyList<string> keyterms)
    {
        var prompt = new System.Text.StringBuilder();
        foreach (var term in keyterms)
        {
            var trimmed = term.Trim();
            if (trimmed.Length == 0) continue;
            var separator = prompt.Length == 0 ? 0 : 2;
            if (prompt.Length + separator + trimmed.Length > MaxPromptCharacters) break;
            if (separator > 0) prompt.Append(", ");
            prompt.Append(trimmed);
        }

        return prompt.Length == 0 ? null : prompt.ToString();
    }
}
