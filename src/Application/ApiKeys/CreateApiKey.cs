using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Domain.ApiKeys;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.ApiKeys;

public sealed record CreateApiKey(Guid OrganizationId, string Name) : ICommand<Result<CreatedApiKey>>;

internal sealed class CreateApiKeyValidator : AbstractValidator<CreateApiKey>
{
    public CreateApiKeyValidator()
    {
        RuleFor(x => x.OrganizationId).NotEmpty();
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
    }
}

internal sealed class CreateApiKeyHandler(IAppDbContext db, IApiKeyHasher hasher, TimeProvider clock)
    : ICommandHandler<CreateApiKey, Result<CreatedApiKey>>
{
    public async ValueTask<Result<CreatedApiKey>> Handle(CreateApiKey command, CancellationToken cancellationToken)
    {
        if (!await db.Organizations.AnyAsync(o => o.Id == command.OrganizationId, cancellationToken))
            return new Error(ErrorKind.NotFound, $"Organization {command.OrganizationId} does not exist.");

        var fresh = hasher.Generate();
        var key = ApiKey.Create(command.OrganizationId, command.Name, fresh.Hash, fresh.DisplayPrefix, clock.GetUtcNow().UtcDateTime);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKey(key.Id, fresh.Key, fresh.DisplayPrefix, key.Name, key.CreatedAt);
    }
}
