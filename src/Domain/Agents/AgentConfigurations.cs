using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CleanAgent.Domain.Common;

namespace CleanAgent.Domain.Agents;

/// <summary>
/// An agent version's settings beside its graph, in the shape of Dograh's <c>workflow_configurations</c>.
/// The JSON is kept as given (unknown keys survive an import and are ignored) — except provider credentials
/// (<c>api_key</c> and the like, which Dograh's <c>model_overrides</c> may carry): those are removed, because keys are
/// server settings (<c>Voice:*:ApiKey</c>) and an agent's configurations are stored in clear and shown by the APIs.
/// The typed view holds what the runtime reads. Build one only through <see cref="Parse"/>, which validates.
/// </summary>
/// <remarks>
/// Numbers may also come as decimal strings (<c>"600"</c>): Dograh validates these keys with pydantic in lax
/// mode, which coerces such strings, so an agent that worked there may carry them. JSON <c>null</c> means
/// "not set", as in Dograh.
/// </remarks>
public sealed class AgentConfigurations
{
    /// <summary>A bound on hostile input; real configurations are well under a kilobyte or two.</summary>
    public const int MaxJsonBytes = 64 * 1024;

    /// <summary>The largest duration or timeout accepted, so a typo cannot keep a call up for days.</summary>
    public static readonly TimeSpan MaxSeconds = TimeSpan.FromHours(24);

    /// <summary>Key terms are sent to the speech-to-text provider on every call: a handful, not a vocabulary.</summary>
    public const int MaxDictionaryTerms = 100;

    public const int MaxDictionaryTermLength = 100;

    /// <summary>Model, voice and language names are identifiers; anything longer is not one.</summary>
    public const int MaxNameLength = 200;

    private AgentConfigurations(
        string json,
        TimeSpan? maxCallDuration,
        TimeSpan? maxUserIdleTimeout,
        ModelOverrides modelOverrides,
        bool recording,
        IReadOnlyList<string> dictionary)
    {
        Json = json;
        MaxCallDuration = maxCallDuration;
        MaxUserIdleTimeout = maxUserIdleTimeout;
        ModelOverrides = modelOverrides;
        Recording = recording;
        Dictionary = dictionary;
    }

    /// <summary>No settings: every value is the server's default.</summary>
    public static AgentConfigurations Empty { get; } = new("{}", null, null, ModelOverrides.None, false, []);

    /// <summary>The configurations as imported, to be stored as is; re-serialized only when a credential was removed.</summary>
    public string Json { get; }

    /// <summary><c>max_call_duration</c>; null when not set. See <see cref="EffectiveMaxCallDuration"/>.</summary>
    public TimeSpan? MaxCallDuration { get; }

    /// <summary><c>max_user_idle_timeout</c>; null when not set. See <see cref="EffectiveIdleTimeout"/>.</summary>
    public TimeSpan? MaxUserIdleTimeout { get; }

    public ModelOverrides ModelOverrides { get; }

    /// <summary><c>recording</c>: whether calls of this agent are recorded. Off unless set.</summary>
    public bool Recording { get; }

    /// <summary><c>dictionary</c> split at commas, trimmed, empties and repeats dropped (Deepgram <c>keyterm</c>s).</summary>
    public IReadOnlyList<string> Dictionary { get; }

    /// <summary>How long a call of this agent may last: the agent's limit when it is the shorter, else the server's.</summary>
    public TimeSpan EffectiveMaxCallDuration(TimeSpan serverLimit) =>
        MaxCallDuration is { } limit && limit < serverLimit ? limit : serverLimit;

    /// <summary>The silence before the idle prompt: the agent's setting when given, else the server's default.</summary>
    public TimeSpan EffectiveIdleTimeout(TimeSpan serverDefault) => MaxUserIdleTimeout ?? serverDefault;

    /// <summary>
    /// Parses and validates configurations. Null or blank input is <see cref="Empty"/>. Never throws on bad
    /// input: each problem is an error naming its key.
    /// </summary>
    public static AgentConfigurationsParseResult Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return AgentConfigurationsParseResult.Valid(Empty);
        if (json.Length > MaxJsonBytes || Encoding.UTF8.GetByteCount(json) > MaxJsonBytes)
            return AgentConfigurationsParseResult.Invalid([$"The configurations are larger than {MaxJsonBytes / 1024} KiB."]);

        if (!JsonFields.TryParse(json, out var root, out var syntaxError))
            return AgentConfigurationsParseResult.Invalid([$"The configurations are not valid JSON: {syntaxError}"]);

        if (root is not JsonObject settings)
            return AgentConfigurationsParseResult.Invalid(["The configurations must be a JSON object."]);

        var errors = new List<string>();
        var maxCallDuration = Seconds(settings, "max_call_duration", errors);
        var maxUserIdleTimeout = Seconds(settings, "max_user_idle_timeout", errors);
        var modelOverrides = ReadModelOverrides(settings, errors);
        var recording = Bool(settings, "recording", "recording", errors) ?? false;
        var dictionary = ReadDictionary(settings, errors);

        if (errors.Count > 0) return AgentConfigurationsParseResult.Invalid(errors);

        var stored = RemoveCredentials(settings) ? settings.ToJsonString() : json;
        return AgentConfigurationsParseResult.Valid(new AgentConfigurations(stored, maxCallDuration, maxUserIdleTimeout, modelOverrides, recording, dictionary));
    }

    /// <summary>
    /// Names that hold a credential, compared lower-case without <c>_</c> or <c>-</c> (<c>api_key</c>, <c>apiKey</c>,
    /// <c>API-KEY</c>). Exact names, so <c>max_tokens</c> or <c>keyterm</c> stay.
    /// </summary>
    private static readonly HashSet<string> CredentialNames =
        new(["apikey", "apisecret", "secret", "secretkey", "password", "token", "accesstoken", "authtoken", "bearertoken"], StringComparer.Ordinal);

    /// <returns>True when something was removed.</returns>
    private static bool RemoveCredentials(JsonNode? node)
    {
        var removed = false;
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).Where(IsCredentialName).ToList())
                {
                    obj.Remove(name);
                    removed = true;
                }

                foreach (var (_, child) in obj) removed |= RemoveCredentials(child);
                break;
            case JsonArray array:
                foreach (var child in array) removed |= RemoveCredentials(child);
                break;
        }

        return removed;
    }

    private static bool IsCredentialName(string name) =>
        CredentialNames.Contains(name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant());

    private static TimeSpan? Seconds(JsonObject settings, string key, List<string> errors)
    {
        var node = settings[key];
        if (node is null) return null;

        double seconds;
        switch (node.GetValueKind())
        {
            case JsonValueKind.Number when node.AsValue().TryGetValue<double>(out var number):
                seconds = number;
                break;
            case JsonValueKind.String when double.TryParse(node.GetValue<string>().Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed):
                seconds = parsed;
                break;
            default:
                errors.Add($"'{key}' must be a number of seconds, not {JsonFields.KindOf(node)}.");
                return null;
        }

        if (!double.IsFinite(seconds) || seconds <= 0 || seconds > MaxSeconds.TotalSeconds)
        {
            errors.Add($"'{key}' must be more than 0 and at most {MaxSeconds.TotalSeconds:0} seconds ({MaxSeconds.TotalHours:0} h); it is {(double.IsFinite(seconds) ? seconds.ToString("0.###", CultureInfo.InvariantCulture) : "out of range")}.");
            return null;
        }

        return TimeSpan.FromSeconds(seconds);
    }

    private static ModelOverrides ReadModelOverrides(JsonObject settings, List<string> errors)
    {
        var overrides = Section(settings, "model_overrides", "model_overrides", errors);
        if (overrides is null) return ModelOverrides.None;

        var llm = Section(overrides, "llm", "model_overrides.llm", errors);
        var tts = Section(overrides, "tts", "model_overrides.tts", errors);
        var stt = Section(overrides, "stt", "model_overrides.stt", errors);
        return new ModelOverrides(
            LlmModel: Name(llm, "model", "model_overrides.llm.model", errors),
            TtsVoice: Name(tts, "voice", "model_overrides.tts.voice", errors),
            TtsModel: Name(tts, "model", "model_overrides.tts.model", errors),
            SttModel: Name(stt, "model", "model_overrides.stt.model", errors),
            SttLanguage: Name(stt, "language", "model_overrides.stt.language", errors));
    }

    private static JsonObject? Section(JsonObject? parent, string key, string path, List<string> errors)
    {
        var node = parent?[key];
        if (node is null) return null;
        if (node is JsonObject section) return section;
        errors.Add($"'{path}' must be an object, not {JsonFields.KindOf(node)}.");
        return null;
    }

    /// <summary>A model, voice or language name; blank counts as not set (Dograh's forms save empty strings).</summary>
    private static string? Name(JsonObject? section, string key, string path, List<string> errors)
    {
        if (!JsonFields.TryGetString(section, key, out var value))
        {
            errors.Add($"'{path}' must be a string, not {JsonFields.KindOf(section![key]!)}.");
            return null;
        }

        value = value?.Trim();
        if (string.IsNullOrEmpty(value)) return null;
        if (value.Length > MaxNameLength || value.Any(char.IsControl))
        {
            errors.Add($"'{path}' is not a plausible name (at most {MaxNameLength} printable characters).");
            return null;
        }

        return value;
    }

    private static bool? Bool(JsonObject settings, string key, string path, List<string> errors)
    {
        var node = settings[key];
        if (node is null) return null;
        if (JsonFields.TryGetBool(settings, key, out var flag)) return flag;

        // The lax coercion Dograh's validation applies to booleans written as strings.
        if (node.GetValueKind() == JsonValueKind.String)
        {
            switch (node.GetValue<string>().Trim().ToLowerInvariant())
            {
                case "true":
                    return true;
                case "false":
                    return false;
            }
        }

        errors.Add($"'{path}' must be true or false, not {JsonFields.KindOf(node)}.");
        return null;
    }

    private static List<string> ReadDictionary(JsonObject settings, List<string> errors)
    {
        var terms = new List<string>();
        if (!JsonFields.TryGetString(settings, "dictionary", out var text))
        {
            errors.Add($"'dictionary' must be a string of comma-separated terms, not {JsonFields.KindOf(settings["dictionary"]!)}.");
            return terms;
        }

        if (text is null) return terms;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in text.Split(','))
        {
            var term = part.Trim();
            if (term.Length == 0 || !seen.Add(term)) continue;
            if (term.Length > MaxDictionaryTermLength || term.Any(char.IsControl))
            {
                errors.Add($"'dictionary' has a term that is not one (at most {MaxDictionaryTermLength} printable characters): '{Shorten(term)}'.");
                return [];
            }

            terms.Add(term);
        }

        if (terms.Count > MaxDictionaryTerms)
        {
            errors.Add($"'dictionary' has {terms.Count} terms; at most {MaxDictionaryTerms} are allowed.");
            return [];
        }

        return terms;
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "…");
}
