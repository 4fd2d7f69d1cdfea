namespace CleanAgent.Application.Common.Ports;

/// <summary>
/// Identity of this server process. Runs and capacity reservations record their owner, so that when a
/// process dies, another (or its own restart) can settle what it left behind.
/// </summary>
public interface IServerInstance
{
    Guid Id { get; }
}
