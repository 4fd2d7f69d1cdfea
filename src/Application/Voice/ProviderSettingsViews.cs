using CleanAgent.Domain.Organizations;

namespace CleanAgent.Application.Voice;

internal static class ProviderSettingsViews
{
    public static ProviderSettingsView Of(OrganizationProviderSettings settings) => new(
        settings.Stage, settings.BaseUrl, settings.Model, settings.Voice, settings.Language, settings.Provider, settings.ProtectedApiKey is not null, settings.UpdatedAt);
}
