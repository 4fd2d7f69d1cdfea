using CleanAgent.Application.Voice;
using CleanAgent.Infrastructure.Voice.Deepgram;
using CleanAgent.Infrastructure.Voice.OpenAi;

namespace CleanAgent.Infrastructure.Voice;

/// <summary>The speech-to-text port: opens the session with the adapter that the call's settings name.</summary>
internal sealed class SpeechToTextRouter(OpenAiTranscription openAi, DeepgramSpeechToText deepgram) : ISpeechToText
{
    public Task<ProviderResult<ISpeechToTextSession>> StartSessionAsync(SpeechToTextSettings settings, SpeechToTextSessionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Provider switch
        {
            SpeechToTextProvider.Deepgram => deepgram.StartSessionAsync(settings, options, cancellationToken),
            _ => openAi.StartSessionAsync(settings, options, cancellationToken),
        };
    }
}
