namespace CleanAgent.Application.Calls;

/// <summary>
/// An agent on a live call: it hears the caller through <see cref="ICallSession.Events"/>, speaks with
/// <see cref="ICallSession.Play"/>, and may end the call. The media session drives it; the voice pipeline and
/// the diagnostic agents implement it.
/// </summary>
public interface ICallAgent
{
    /// <summary>Runs until the agent ends the call, the events channel completes (caller gone), or cancellation.</summary>
    Task RunAsync(ICallSession call, CancellationToken cancellationToken);
}
