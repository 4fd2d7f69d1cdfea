namespace CleanAgent.Application.Voice;

/// <summary>What a session has cost so far, for the run's usage per provider and model.</summary>
/// <param name="Audio">Audio billed: every second streamed to a streaming provider, or the audio of each request to a per-turn one.</param>
public sealed record SpeechToTextUsage(SpeechToTextProvider Provider, string Model, TimeSpan Audio);
