namespace CleanAgent.CallSimulator.FakeProviders;

/// <summary>
/// Holds the next speech answer of <see cref="FakeOpenAiApi"/> after its first chunk until released, so a test can
/// show that the client plays the first audio before the provider has finished sending.
/// </summary>
public sealed class SpeechHold
{
    private readonly TaskCompletionSource _firstChunkSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first chunk has been written and flushed.</summary>
    public Task FirstChunkSent => _firstChunkSent.Task;

    /// <summary>Whether the rest of the answer has been let go.</summary>
    public bool IsReleased => _released.Task.IsCompleted;

    /// <summary>Lets the rest of the answer go.</summary>
    public void Release() => _released.TrySetResult();

    internal void OnFirstChunkSent() => _firstChunkSent.TrySetResult();

    internal Task WaitForReleaseAsync(CancellationToken cancellationToken) => _released.Task.WaitAsync(cancellationToken);
}
