namespace CleanAgent.Application.Voice;

/// <summary>Opens one call's transcription session with the provider its settings name.</summary>
public interface ISpeechToText
{
    /// <summary>Connects (for a streaming provider) within the provider timeout; a failure comes back as a value.</summary>
    Task<ProviderResult<ISpeechToTextSession>> StartSessionAsync(SpeechToTextSettings settings, SpeechToTextSessionOptions options, CancellationToken cancellationToken);
}
