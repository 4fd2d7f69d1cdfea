namespace CleanAgent.Domain.Quota;

/// <summary>
/// One occupied call slot of an organization. Slots are numbered 0..limit-1 and the pair
/// (organization, slot) is unique in the database, so concurrent reservations from any number of
/// server processes can never exceed the limit: the database refuses the extra insert.
/// </summary>
public sealed class CapacityReservation
{
    private CapacityReservation() { }

    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public int Slot { get; private set; }

    /// <summary>The server process holding the slot, so that a restarted server can free slots of a dead one.</summary>
    public Guid OwnerInstanceId { get; private set; }

    public DateTime ReservedAt { get; private set; }

    public static CapacityReservation Create(Guid organizationId, int slot, Guid ownerInstanceId, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(now),
        OrganizationId = organizationId,
        Slot = slot,
        OwnerInstanceId = ownerInstanceId,
        ReservedAt = now,
    };
}
