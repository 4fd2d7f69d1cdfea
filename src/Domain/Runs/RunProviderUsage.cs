using System.Buffers;
using CleanAgent.Domain.Common;

namespace CleanAgent.Domain.Runs;

/// <summary>
/// What one provider and model used for a run, for one stage: the run's running totals, one row per (stage, provider,
/// model), added to as the call goes on. Caller audio is what speech-to-text was sent; agent audio is what
/// text-to-speech produced.
/// </summary>
public sealed class RunProviderUsage
{
    /// <summary>A provider is a name or a host (<c>openai</c>, <c>vllm.internal:8000</c>), never a URL: no path, no user info.</summary>
    public const int MaxProviderLength = 100;

    public const int MaxModelLength = 200;

    private static readonly SearchValues<char> ProviderCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_:[]");

    private RunProviderUsage()
    {
        Provider = string.Empty;
        Model = string.Empty;
    }

    public Guid RunId { get; private set; }
    public UsageStage Stage { get; private set; }
    public string Provider { get; private set; }
    public string Model { get; private set; }
    public long PromptTokens { get; private set; }
    public long CompletionTokens { get; private set; }

    /// <summary>Characters sent to text-to-speech.</summary>
    public long Characters { get; private set; }

    /// <summary>Caller audio sent to speech-to-text, or agent audio produced by text-to-speech, in seconds.</summary>
    public double AudioSeconds { get; private set; }

    /// <summary>A provider name or host: 1–100 letters, digits, <c>.</c>, <c>-</c>, <c>_</c>, <c>:</c> or brackets (IPv6).</summary>
    public static bool IsValidProvider(string? provider) =>
        provider is { Length: > 0 and <= MaxProviderLength } && !provider.AsSpan().ContainsAnyExcept(ProviderCharacters);

    public static bool IsValidModel(string? model) =>
        model is { Length: <= MaxModelLength } && !model.Any(char.IsControl);

    /// <summary>Opens the totals of a stage, provider and model for a run, at zero.</summary>
    public static RunProviderUsage Start(Guid runId, UsageStage stage, string provider, string model)
    {
        if (runId == Guid.Empty) throw new DomainException("Usage belongs to a run.");
        if (!Enum.IsDefined(stage)) throw new DomainException($"Unknown stage {stage}.");
        if (!IsValidProvider(provider)) throw new DomainException($"A provider is a name or host of at most {MaxProviderLength} characters (letters, digits, '.', '-', '_', ':').");
        if (!IsValidModel(model)) throw new DomainException($"A model name is at most {MaxModelLength} printable characters.");

        return new RunProviderUsage { RunId = runId, Stage = stage, Provider = provider, Model = model };
    }

    public void Add(long promptTokens, long completionTokens, long characters, double audioSeconds)
    {
        if (promptTokens < 0 || completionTokens < 0 || characters < 0 || !double.IsFinite(audioSeconds) || audioSeconds < 0)
            throw new DomainException("Usage only grows: no negative or non-finite amounts.");

        checked
        {
            PromptTokens += promptTokens;
            CompletionTokens += completionTokens;
            Characters += characters;
        }

        AudioSeconds += audioSeconds;
    }

    /// <summary>As stored and shown: <c>stt</c>, <c>llm</c>, <c>tts</c>.</summary>
    public static string CodeOf(UsageStage stage) => stage switch
    {
        UsageStage.SpeechToText => "stt",
        UsageStage.Llm => "llm",
        UsageStage.TextToSpeech => "tts",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Unknown stage."),
    };

    public static UsageStage StageOf(string code) => code switch
    {
        "stt" => UsageStage.SpeechToText,
        "llm" => UsageStage.Llm,
        "tts" => UsageStage.TextToSpeech,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown stage code."),
    };
}
