using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Domain.Organizations;
using FluentValidation;
using Mediator;

namespace CleanAgent.Application.Organizations;

public sealed record CreateOrganization(string Name, int? ConcurrentCallLimit, int? MonthlyMinutes) : ICommand<Result<Guid>>;

internal sealed class CreateOrganizationValidator : AbstractValidator<CreateOrganization>
{
    public CreateOrganizationValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
        RuleFor(x => x.ConcurrentCallLimit).InclusiveBetween(1, 100_000).When(x => x.ConcurrentCallLimit.HasValue);
        RuleFor(x => x.MonthlyMinutes).GreaterThanOrEqualTo(0).When(x => x.MonthlyMinutes.HasValue);
    }
}

internal sealed class CreateOrganizationHandler(IAppDbContext db, TimeProvider clock) : ICommandHandler<CreateOrganization, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(CreateOrganization command, CancellationToken cancellationToken)
    {
        var organization = Organization.Create(command.Name, command.ConcurrentCallLimit, command.MonthlyMinutes, clock.GetUtcNow().UtcDateTime);
        db.Organizations.Add(organization);
        await db.SaveChangesAsync(cancellationToken);
        return organization.Id;
    }
}
