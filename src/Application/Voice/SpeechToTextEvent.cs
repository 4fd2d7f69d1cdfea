namespace CleanAgent.Application.Voice;

/// <summary>One report of a streaming speech-to-text session.</summary>
/// <param name="Text">The transcript, for <see cref="SpeechToTextEventKind.InterimTranscript"/> and <see cref="SpeechToTextEventKind.FinalTranscript"/>.</param>
/// <param name="At">Where in the audio sent to the session this happened, as the provider places it.</param>
/// <param name="Error">Why, for <see cref="SpeechToTextEventKind.Failed"/>.</param>
public readonly record struct SpeechToTextEvent(SpeechToTextEventKind Kind, string? Text, TimeSpan At, ProviderError? Error = null);
