using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.ApiKeys;

/// <summary>Retires a key: connections presenting it are refused from now on. Archiving twice is harmless.</summary>
/// <param name="OrganizationId">The caller's organization: a key of another is not found. Null for the operator.</param>
public sealed record ArchiveApiKey(Guid ApiKeyId, Guid? OrganizationId = null) : ICommand<Result>;

internal sealed class ArchiveApiKeyValidator : AbstractValidator<ArchiveApiKey>
{
    public ArchiveApiKeyValidator() => RuleFor(x => x.ApiKeyId).NotEmpty();
}

internal sealed class ArchiveApiKeyHandler(IAppDbContext db, TimeProvider clock) : ICommandHandler<ArchiveApiKey, Result>
{
    public async ValueTask<Result> Handle(ArchiveApiKey command, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.Named(command.ApiKeyId, command.OrganizationId).SingleOrDefaultAsync(cancellationToken);
        if (key is null) return new Error(ErrorKind.NotFound, $"API key {command.ApiKeyId} does not exist.");

        key.Archive(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
