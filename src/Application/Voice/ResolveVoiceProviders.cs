using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Voice;

/// <summary>
/// The providers one of the organization's calls is to use, keys included (as <see cref="Secret"/>s, which never print):
/// the server's <c>Voice:*</c> with the organization's own settings (<see cref="SetProviderSettings"/>) over them.
/// </summary>
public sealed record ResolveVoiceProviders(Guid OrganizationId) : IQuery<Result<VoiceProviderSettings>>;

internal sealed class ResolveVoiceProvidersValidator : AbstractValidator<ResolveVoiceProviders>
{
    public ResolveVoiceProvidersValidator() => RuleFor(x => x.OrganizationId).NotEmpty();
}

internal sealed class ResolveVoiceProvidersHandler(IAppDbContext db, ISecretProtector protector, IVoiceDefaults defaults)
    : IQueryHandler<ResolveVoiceProviders, Result<VoiceProviderSettings>>
{
    public async ValueTask<Result<VoiceProviderSettings>> Handle(ResolveVoiceProviders query, CancellationToken cancellationToken)
    {
        if (!await db.Organizations.AnyAsync(o => o.Id == query.OrganizationId, cancellationToken))
            return new Error(ErrorKind.NotFound, $"Organization {query.OrganizationId} does not exist.");
        return await OrganizationVoiceProviders.ResolveAsync(db, protector, defaults, query.OrganizationId, cancellationToken);
    }
}
