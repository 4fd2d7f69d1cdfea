namespace CleanAgent.Application.Voice;

/// <summary>Speaks text (a sentence at a time) as 8 kHz PCM that can be played while the rest is still being made.</summary>
public interface ITextToSpeech
{
    /// <summary>The longest text one request may carry (the OpenAI speech API's limit).</summary>
    const int MaxInputCharacters = 4096;

    /// <summary>
    /// Streams the speech for <paramref name="text"/>: the first chunk is yielded as soon as the provider's first
    /// audio arrives. Provider faults (timeout to the first byte or between bytes, HTTP status, no audio at all) are
    /// thrown as <see cref="ProviderException"/> from the enumeration.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="text"/> is blank or longer than <see cref="MaxInputCharacters"/>.</exception>
    IAsyncEnumerable<SpeechAudioChunk> SynthesizeAsync(string text, TextToSpeechSettings settings, CancellationToken cancellationToken);
}
