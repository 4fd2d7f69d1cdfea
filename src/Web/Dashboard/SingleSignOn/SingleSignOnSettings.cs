using FluentValidation;

namespace CleanAgent.Web.Dashboard.SingleSignOn;

/// <summary>
/// <c>Dashboard:OpenIdConnect:*</c>: the dashboard's optional single sign-on with an OpenID Connect identity provider
/// (Keycloak, Entra ID, Okta, …). Off until <see cref="Authority"/> is set. A sign-in through it only ever reaches an
/// account an owner already made (<c>admin create-user</c>): the identity provider proves who someone is, the dashboard
/// still decides who has an account and in which organization.
/// </summary>
public sealed class SingleSignOnSettings
{
    public const string Section = "Dashboard:OpenIdConnect";

    /// <summary>Where the dashboard's identity provider answers, the callback registered there.</summary>
    public const string CallbackPath = "/signin-oidc";

    /// <summary>The issuer, e.g. <c>https://sso.example.com/realms/acme</c>; its discovery document is read from below it.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>The client's secret at the identity provider: sent to its token endpoint only, never logged or shown.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The button says "Sign in with" this.</summary>
    public string DisplayName { get; set; } = "single sign-on";

    /// <summary>Only for a test or development identity provider on plain http; production keeps https.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// True: an email is matched to an account only when the identity provider says <c>email_verified: true</c>. False
    /// is for a provider that never sends the claim (Entra ID) and whose email addresses the organization itself
    /// assigns; even then, <c>email_verified: false</c> is refused.
    /// </summary>
    public bool RequireVerifiedEmail { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}

internal sealed class SingleSignOnSettingsValidator : AbstractValidator<SingleSignOnSettings>
{
    public SingleSignOnSettingsValidator()
    {
        When(o => o.Enabled, () =>
        {
            RuleFor(o => o.Authority)
                .Must(a => Uri.TryCreate(a, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
                .WithMessage("must be the identity provider's absolute URL, e.g. https://sso.example.com/realms/acme (was '{PropertyValue}').");
            RuleFor(o => o.Authority)
                .Must(a => !Uri.TryCreate(a, UriKind.Absolute, out var uri) || uri.Scheme == Uri.UriSchemeHttps)
                .When(o => o.RequireHttpsMetadata)
                .WithMessage("must be an https URL (was '{PropertyValue}'); plain http only with Dashboard:OpenIdConnect:RequireHttpsMetadata=false, for a test identity provider.");
            RuleFor(o => o.ClientId).NotEmpty()
                .WithMessage("must be set when Dashboard:OpenIdConnect:Authority is: the client registered at the identity provider.");
            RuleFor(o => o.DisplayName).NotEmpty().MaximumLength(60)
                .WithMessage("must be a short name for the sign-in button (at most 60 characters).");
        });
    }
}
