using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Voice;

/// <summary>
/// Can an organization's voice calls reach their providers? Checks the settings its calls would get: the server's
/// <c>Voice:*</c> with the organization's own provider settings (<c>PUT /organization/providers/{stage}</c>) laid over
/// them. Admission asks this of every <c>voice</c> call before it takes a call slot, and gives the call the settings it judged.
/// </summary>
public sealed record FindVoiceProviderProblems(Guid OrganizationId) : IQuery<Result<VoiceProviderReadiness>>;

internal sealed class FindVoiceProviderProblemsValidator : AbstractValidator<FindVoiceProviderProblems>
{
    public FindVoiceProviderProblemsValidator() => RuleFor(x => x.OrganizationId).NotEmpty();
}

internal sealed class FindVoiceProviderProblemsHandler(IAppDbContext db, ISecretProtector protector, IVoiceDefaults defaults, IVoiceProviderConfigurationCheck check)
    : IQueryHandler<FindVoiceProviderProblems, Result<VoiceProviderReadiness>>
{
    public async ValueTask<Result<VoiceProviderReadiness>> Handle(FindVoiceProviderProblems query, CancellationToken cancellationToken)
    {
        if (!await db.Organizations.AnyAsync(o => o.Id == query.OrganizationId, cancellationToken))
            return new Error(ErrorKind.NotFound, $"Organization {query.OrganizationId} does not exist.");

        var settings = await OrganizationVoiceProviders.ResolveAsync(db, protector, defaults, query.OrganizationId, cancellationToken);
        return new VoiceProviderReadiness(check.FindProblems(settings), settings);
    }
}
