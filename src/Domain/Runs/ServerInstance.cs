namespace CleanAgent.Domain.Runs;

/// <summary>
/// A live server process, known by its heartbeat. Runs and capacity slots name their owner; when an owner's
/// heartbeat goes stale, what it owned can no longer be driven and is settled by the survivors. The heartbeat
/// itself is one set-based update of <see cref="LastSeenAt"/> (see <c>SettleOrphanedRuns</c>).
/// </summary>
public sealed class ServerInstance
{
    private ServerInstance() => MachineName = string.Empty;

    public Guid Id { get; private set; }
    public string MachineName { get; private set; }
    public DateTime StartedAt { get; private set; }
    public DateTime LastSeenAt { get; private set; }

    public static ServerInstance Register(Guid id, string machineName, DateTime now) => new()
    {
        Id = id,
        MachineName = machineName,
        StartedAt = now,
        LastSeenAt = now,
    };
}
