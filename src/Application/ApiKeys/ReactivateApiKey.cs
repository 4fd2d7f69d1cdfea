using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.ApiKeys;

/// <summary>Restores an archived key: connections presenting it are admitted again from now on.</summary>
/// <param name="OrganizationId">The caller's organization: a key of another is not found. Null for the operator.</param>
public sealed record ReactivateApiKey(Guid ApiKeyId, Guid? OrganizationId = null) : ICommand<Result>;

internal sealed class ReactivateApiKeyValidator : AbstractValidator<ReactivateApiKey>
{
    public ReactivateApiKeyValidator() => RuleFor(x => x.ApiKeyId).NotEmpty();
}

internal sealed class ReactivateApiKeyHandler(IAppDbContext db) : ICommandHandler<ReactivateApiKey, Result>
{
    public async ValueTask<Result> Handle(ReactivateApiKey command, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.Named(command.ApiKeyId, command.OrganizationId).SingleOrDefaultAsync(cancellationToken);
        if (key is null) return new Error(ErrorKind.NotFound, $"API key {command.ApiKeyId} does not exist.");

        key.Reactivate();
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
