using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Quota;

/// <summary>Frees a call slot. Idempotent: releasing a slot that an ended run already freed does nothing.</summary>
public sealed record ReleaseCapacity(Guid ReservationId) : ICommand<Result>;

internal sealed class ReleaseCapacityValidator : AbstractValidator<ReleaseCapacity>
{
    public ReleaseCapacityValidator() => RuleFor(x => x.ReservationId).NotEmpty();
}

internal sealed class ReleaseCapacityHandler(IAppDbContext db) : ICommandHandler<ReleaseCapacity, Result>
{
    public async ValueTask<Result> Handle(ReleaseCapacity command, CancellationToken cancellationToken)
    {
        await db.CapacityReservations.Where(r => r.Id == command.ReservationId).ExecuteDeleteAsync(cancellationToken);
        return Result.Success();
    }
}
