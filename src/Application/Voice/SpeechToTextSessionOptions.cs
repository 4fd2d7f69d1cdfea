namespace CleanAgent.Application.Voice;

/// <summary>What one call's transcription session is told beyond the provider settings.</summary>
/// <param name="Keyterms">The agent's dictionary (names, products) to bias recognition towards; may be empty.</param>
/// <param name="Endpointing">Silence after speech that the agent treats as the end of the caller's turn; a streaming provider uses it for its own end-of-speech hint.</param>
public sealed record SpeechToTextSessionOptions(IReadOnlyList<string> Keyterms, TimeSpan Endpointing);
