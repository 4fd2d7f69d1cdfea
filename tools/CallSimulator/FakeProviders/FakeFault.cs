namespace CleanAgent.CallSimulator.FakeProviders;

/// <summary>How a fake provider misbehaves on a request, to exercise the adapters' error handling.</summary>
public enum FakeFault
{
    /// <summary>Answers normally.</summary>
    None,

    /// <summary>Answers HTTP 500 with a JSON error body.</summary>
    ServerError,

    /// <summary>Never answers (not even headers) until the client gives up.</summary>
    Hang,

    /// <summary>Waits <see cref="FakeOpenAiApi.SlowFirstByteDelay"/> before the first byte, then answers normally.</summary>
    SlowFirstByte,

    /// <summary>Answers 200 with nothing useful: a stream with no text or tool call, an empty transcript, no audio.</summary>
    Empty,

    /// <summary>Answers 200 with a body that is not the protocol (not JSON, wrong types).</summary>
    MalformedBody,
}
