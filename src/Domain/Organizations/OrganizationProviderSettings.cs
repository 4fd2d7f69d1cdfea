using CleanAgent.Domain.Common;

namespace CleanAgent.Domain.Organizations;

/// <summary>
/// An organization's own provider for one voice stage (<c>llm</c>, <c>stt</c>, <c>tts</c>), laid over the server's
/// <c>Voice:*</c> settings for that organization's calls: what is set here wins, what is not stays the server's. The
/// API key is kept only as the secret protector's ciphertext, never in clear, and never shown again.
/// </summary>
public sealed class OrganizationProviderSettings
{
    public const int MaxUrlLength = 2048;
    public const int MaxNameLength = 200;
    public const int MaxProtectedApiKeyLength = 4096;

    public static readonly IReadOnlyList<string> Stages = ["llm", "stt", "tts"];

    private OrganizationProviderSettings() => Stage = string.Empty;

    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }

    /// <summary><c>llm</c>, <c>stt</c> or <c>tts</c>.</summary>
    public string Stage { get; private set; }

    public string? BaseUrl { get; private set; }
    public string? Model { get; private set; }

    /// <summary>Text-to-speech only: the voice.</summary>
    public string? Voice { get; private set; }

    /// <summary>Speech-to-text only: the language code.</summary>
    public string? Language { get; private set; }

    /// <summary>Speech-to-text only: <c>openai</c> or <c>deepgram</c>.</summary>
    public string? Provider { get; private set; }

    /// <summary>The API key as the secret protector encrypted it; null when the organization gave none.</summary>
    public string? ProtectedApiKey { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public static OrganizationProviderSettings Create(Guid organizationId, string stage, DateTime now)
    {
        if (organizationId == Guid.Empty) throw new DomainException("Provider settings belong to an organization.");
        if (!Stages.Contains(stage)) throw new DomainException($"'{stage}' is not a voice stage (llm, stt, tts).");
        return new OrganizationProviderSettings
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = organizationId,
            Stage = stage,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>
    /// The stage's settings, replaced as a whole — except the key, which is write-only: <paramref name="protectedApiKey"/>
    /// null keeps the one stored (a client re-sending what it read, which never has the key, must not lose it).
    /// </summary>
    public void Replace(string? baseUrl, string? model, string? voice, string? language, string? provider, string? protectedApiKey, bool removeApiKey, DateTime now)
    {
        if (baseUrl is { Length: > MaxUrlLength }) throw new DomainException($"A base URL is at most {MaxUrlLength} characters.");
        foreach (var name in new[] { model, voice, language, provider })
            if (name is { Length: > MaxNameLength }) throw new DomainException($"A model, voice, language or provider name is at most {MaxNameLength} characters.");
        if (protectedApiKey is { Length: > MaxProtectedApiKeyLength }) throw new DomainException("The protected API key is too long.");

        BaseUrl = baseUrl;
        Model = model;
        Voice = voice;
        Language = language;
        Provider = provider;
        if (removeApiKey) ProtectedApiKey = null;
        else if (protectedApiKey is not null) ProtectedApiKey = protectedApiKey;
        UpdatedAt = now;
    }
}
