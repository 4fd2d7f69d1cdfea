namespace CleanAgent.CallSimulator.FakeProviders;

/// <summary>The endpoints of <see cref="FakeOpenAiApi"/> that faults can be injected into.</summary>
public enum FakeOpenAiEndpoint
{
    /// <summary><c>POST /v1/chat/completions</c>.</summary>
    ChatCompletions,

    /// <summary><c>POST /v1/audio/transcriptions</c>.</summary>
    Transcriptions,

    /// <summary><c>POST /v1/audio/speech</c>.</summary>
    Speech,
}
