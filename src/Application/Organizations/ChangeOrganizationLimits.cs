using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Organizations;

/// <summary>New limits for an organization; a limit not given stays as it is. They apply from the next admission.</summary>
/// <param name="UnlimitedMinutes">Lift the monthly minutes limit (then <paramref name="MonthlyMinutes"/> must be null).</param>
public sealed record ChangeOrganizationLimits(Guid OrganizationId, int? ConcurrentCallLimit, int? MonthlyMinutes, bool UnlimitedMinutes = false)
    : ICommand<Result>;

internal sealed class ChangeOrganizationLimitsValidator : AbstractValidator<ChangeOrganizationLimits>
{
    public ChangeOrganizationLimitsValidator()
    {
        RuleFor(x => x.OrganizationId).NotEmpty();
        RuleFor(x => x.ConcurrentCallLimit).InclusiveBetween(1, 100_000).When(x => x.ConcurrentCallLimit.HasValue);
        RuleFor(x => x.MonthlyMinutes).GreaterThanOrEqualTo(0).When(x => x.MonthlyMinutes.HasValue);
        RuleFor(x => x.MonthlyMinutes).Null().When(x => x.UnlimitedMinutes).WithMessage("Monthly minutes cannot be both a number and unlimited.");
    }
}

internal sealed class ChangeOrganizationLimitsHandler(IAppDbContext db) : ICommandHandler<ChangeOrganizationLimits, Result>
{
    public async ValueTask<Result> Handle(ChangeOrganizationLimits command, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == command.OrganizationId, cancellationToken);
        if (organization is null) return new Error(ErrorKind.NotFound, $"Organization {command.OrganizationId} does not exist.");

        organization.ChangeLimits(command.ConcurrentCallLimit, command.MonthlyMinutes, command.UnlimitedMinutes);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
