using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Domain.Quota;
using CleanAgent.Domain.Runs;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Quota;

/// <summary>
/// Checks the organization's limits and, when a call may go ahead, <b>reserves</b> one call slot for it: a success
/// holds a slot until <see cref="Runs.EndWorkflowRun"/> or <see cref="ReleaseCapacity"/> frees it. The reservation is
/// atomic across server processes: the database's unique (organization, slot) index refuses a second holder of a
/// slot, so N simultaneous calls against a limit of L admit exactly L.
/// </summary>
public sealed record CheckQuota(Guid OrganizationId) : ICommand<Result<ReservedCallSlot>>;

internal sealed class CheckQuotaValidator : AbstractValidator<CheckQuota>
{
    public CheckQuotaValidator() => RuleFor(x => x.OrganizationId).NotEmpty();
}

internal sealed class CheckQuotaHandler(IAppDbContext db, IServerInstance instance, TimeProvider clock)
    : ICommandHandler<CheckQuota, Result<ReservedCallSlot>>
{
    public async ValueTask<Result<ReservedCallSlot>> Handle(CheckQuota command, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.AsNoTracking()
            .Where(o => o.Id == command.OrganizationId)
            .Select(o => new { o.ConcurrentCallLimit, o.MonthlyMinutes })
            .SingleOrDefaultAsync(cancellationToken);
        if (organization is null) return new Error(ErrorKind.NotFound, "Organization not found.");

        var now = clock.GetUtcNow().UtcDateTime;
        if (organization.MonthlyMinutes is { } monthlyMinutes
            && await MonthlyUsage.SecondsThisMonthAsync(db, command.OrganizationId, now, cancellationToken) >= monthlyMinutes * 60.0)
            return new Error(ErrorKind.QuotaExceeded, $"Monthly minutes limit reached ({monthlyMinutes} min).");

        var taken = await db.CapacityReservations.AsNoTracking()
            .Where(r => r.OrganizationId == command.OrganizationId)
            .Select(r => r.Slot)
            .ToListAsync(cancellationToken);

        // Try each free slot; a slot another process grabbed since we looked is refused by the unique index.
        // Starting at a random free slot keeps simultaneous calls from all fighting over the same first one.
        // The free slots are looked up, not listed: a limit of thousands would otherwise cost every admission a
        // list and a set of that size.
        var free = new FreeCallSlots(organization.ConcurrentCallLimit, taken);
        var offset = free.Count == 0 ? 0 : Random.Shared.Next(free.Count);
        for (var i = 0; i < free.Count; i++)
        {
            var slot = free[(offset + i) % free.Count];

            var reservation = CapacityReservation.Create(command.OrganizationId, slot, instance.Id, now);
            db.CapacityReservations.Add(reservation);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new ReservedCallSlot(reservation.Id);
            }
            catch (Exception ex) when (db.IsUniqueViolation(ex))
            {
                db.Detach(reservation);
            }
        }

        return new Error(ErrorKind.QuotaExceeded, $"Concurrent call limit reached ({organization.ConcurrentCallLimit}).");
    }
}
