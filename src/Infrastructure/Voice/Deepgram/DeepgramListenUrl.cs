using System.Globalization;
using System.Text;
using CleanAgent.Application.Calls;
using CleanAgent.Application.Voice;

namespace CleanAgent.Infrastructure.Voice.Deepgram;

/// <summary>
/// <c>{BaseUrl}/v1/listen?…</c> for one call: μ-law 8 kHz mono as the phone delivers it, interim results, VAD events
/// and endpointing. The API key is not in it (it goes in the Authorization header), so the URL is safe to log.
/// </summary>
internal static class DeepgramListenUrl
{
    /// <summary>Deepgram's smallest <c>utterance_end_ms</c>.</summary>
    public const int UtteranceEndMilliseconds = 1000;

    public const int MaxKeyterms = 100;
    public const int MaxKeytermCharacters = 100;

    public static Uri Build(SpeechToTextSettings settings, SpeechToTextSessionOptions options)
    {
        var baseUrl = settings.BaseUrl;
        var scheme = baseUrl.Scheme switch
        {
            "https" or "wss" => "wss",
            _ => "ws",
        };

        var query = new StringBuilder($"encoding=mulaw&sample_rate={TelephonyAudio.SampleRate}&channels=1");
        Append(query, "model", settings.Model);
        query.Append("&interim_results=true");
        var endpointing = (int)Math.Clamp(options.Endpointing.TotalMilliseconds, 10, 10_000);
        Append(query, "endpointing", endpointing.ToString(CultureInfo.InvariantCulture));
        Append(query, "utterance_end_ms", UtteranceEndMilliseconds.ToString(CultureInfo.InvariantCulture));
        query.Append("&vad_events=true");
        if (!string.IsNullOrWhiteSpace(settings.Language)) Append(query, "language", settings.Language.Trim());
        foreach (var term in options.Keyterms.Select(t => t.Trim()).Where(t => t.Length is > 0 and <= MaxKeytermCharacters).Distinct(StringComparer.Ordinal).Take(MaxKeyterms))
            Append(query, "keyterm", term);

        var builder = new UriBuilder(baseUrl)
        {
            Scheme = scheme,
            Port = baseUrl.IsDefaultPort ? -1 : baseUrl.Port,
            Path = baseUrl.AbsolutePath.TrimEnd('/') + "/v1/listen",
            Query = query.ToString(),
        };
        return builder.Uri;
    }

    private static void Append(StringBuilder query, string name, string value) =>
        query.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
}
