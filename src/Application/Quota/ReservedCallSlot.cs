namespace CleanAgent.Application.Quota;

/// <summary>The call slot a successful <see cref="CheckQuota"/> holds for the call.</summary>
public sealed record ReservedCallSlot(Guid ReservationId);
