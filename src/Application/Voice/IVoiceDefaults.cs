namespace CleanAgent.Application.Voice;

/// <summary>The server-wide voice settings (<c>Voice:*</c>), validated when the server starts.</summary>
public interface IVoiceDefaults
{
    VoiceProviderSettings Providers { get; }

    VoiceTurnSettings Turn { get; }

    /// <summary>The longest wait for a provider's first byte before the turn counts as failed.</summary>
    TimeSpan ProviderTimeout { get; }
}
