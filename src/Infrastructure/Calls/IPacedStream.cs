namespace CleanAgent.Infrastructure.Calls;

/// <summary>A call's outbound audio as <see cref="MediaClock"/> sees it: something to give a moment to send what is due.</summary>
public interface IPacedStream
{
    /// <summary>Sends whatever is due at <paramref name="now"/> (a <see cref="TimeProvider"/> timestamp); never blocks on the network.</summary>
    void Pump(long now);
}
