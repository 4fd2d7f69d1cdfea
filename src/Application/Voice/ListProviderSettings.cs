using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Voice;

/// <summary>The stages an organization has its own provider for (the others use the server's), never with their keys.</summary>
public sealed record ListProviderSettings(Guid OrganizationId) : IQuery<Result<IReadOnlyList<ProviderSettingsView>>>;

internal sealed class ListProviderSettingsValidator : AbstractValidator<ListProviderSettings>
{
    public ListProviderSettingsValidator() => RuleFor(x => x.OrganizationId).NotEmpty();
}

internal sealed class ListProviderSettingsHandler(IAppDbContext db) : IQueryHandler<ListProviderSettings, Result<IReadOnlyList<ProviderSettingsView>>>
{
    public async ValueTask<Result<IReadOnlyList<ProviderSettingsView>>> Handle(ListProviderSettings query, CancellationToken cancellationToken)
    {
        var settings = await db.OrganizationProviderSettings.AsNoTracking()
            .Where(s => s.OrganizationId == query.OrganizationId)
            .OrderBy(s => s.Stage)
            .ToListAsync(cancellationToken);
        return settings.Select(ProviderSettingsViews.Of).ToList();
    }
}
