using CleanAgent.Infrastructure.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace CleanAgent.Web.Dashboard.SingleSignOn;

/// <summary>
/// The OpenID Connect scheme, registered only when <see cref="SingleSignOnSettings.Authority"/> is set: the
/// authorization code flow with PKCE, whose result lands in Identity's short-lived external cookie. The callback page
/// (<see cref="SingleSignOnCallbackPath"/>) turns it into the dashboard's own application cookie for an existing
/// account, so the organization claim, the security stamp checks and sign-out are the same as for a password sign-in.
/// </summary>
internal static class SingleSignOnRegistration
{
    public const string Scheme = OpenIdConnectDefaults.AuthenticationScheme;
    public const string ExternalCookieName = "CleanAgent.External";

    /// <summary>Where the OpenID Connect handler sends the browser once it has validated the identity provider's answer.</summary>
    public const string SingleSignOnCallbackPath = "/sign-in/sso";

    public static void AddSingleSignOn(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        authentication.Services.AddValidatedOptions<SingleSignOnSettings, SingleSignOnSettingsValidator>(configuration, SingleSignOnSettings.Section);
        // Registering the handler without an authority would fail every request (remote handlers look at each one), so
        // the scheme exists only when configured; its values come from the validated settings.
        if (string.IsNullOrWhiteSpace(configuration[$"{SingleSignOnSettings.Section}:{nameof(SingleSignOnSettings.Authority)}"])) return;

        authentication
            .AddCookie(IdentityConstants.ExternalScheme, cookie =>
            {
                cookie.Cookie.Name = ExternalCookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                // Only between the identity provider's answer and the callback page, which removes it at once.
                cookie.ExpireTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddOpenIdConnect(Scheme, _ => { });
        authentication.Services.AddOptions<OpenIdConnectOptions>(Scheme).Configure<IOptions<SingleSignOnSettings>>((oidc, settings) =>
        {
            var sso = settings.Value;
            oidc.Authority = sso.Authority;
            oidc.ClientId = sso.ClientId;
            oidc.ClientSecret = string.IsNullOrEmpty(sso.ClientSecret) ? null : sso.ClientSecret;
            oidc.RequireHttpsMetadata = sso.RequireHttpsMetadata;
            oidc.CallbackPath = SingleSignOnSettings.CallbackPath;
            oidc.SignInScheme = IdentityConstants.ExternalScheme;
            oidc.ResponseType = OpenIdConnectResponseType.Code;
            oidc.UsePkce = true;
            // The code comes back in the query of a top-level GET, which carries SameSite=Lax cookies across sites: the
            // correlation and nonce cookies need not be SameSite=None (form_post would need it, and Secure with it).
            oidc.ResponseMode = OpenIdConnectResponseMode.Query;
            oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
            oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.NonceCookie.SameSite = SameSiteMode.Lax;
            oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.Scope.Clear();
            oidc.Scope.Add("openid");
            oidc.Scope.Add("email");
            oidc.Scope.Add("profile");
            // The dashboard needs who signed in, not the provider's tokens: none are kept in the cookie.
            oidc.SaveTokens = false;
            oidc.GetClaimsFromUserInfoEndpoint = false;
            // The id_token's own claim names (sub, email, email_verified), not the WS-Federation URIs they map to.
            oidc.MapInboundClaims = false;
            // The handler accepts an unsigned id_token from the token endpoint (OpenID Connect Core 3.1.3.7 lets TLS stand in
            // for the signature there); the dashboard wants the provider's signature whatever the channel.
            oidc.Events.OnTokenValidated = context =>
            {
                if (context.SecurityToken is not { } token || string.IsNullOrEmpty(token.RawSignature)
                    || string.Equals(token.Header.Alg, SecurityAlgorithms.None, StringComparison.OrdinalIgnoreCase))
                    context.Fail("The identity provider's id_token is not signed.");
                return Task.CompletedTask;
            };
            oidc.Events.OnRemoteFailure = context =>
            {
                // A tampered or wrongly signed token, a replayed state, an error from the provider: the sign-in page
                // says so in words. The exception goes to the log without the token (IdentityModel hides PII).
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SingleSignOnRegistration))
                    .LogWarning("Single sign-on failed at the OpenID Connect callback: {Reason}", context.Failure?.Message);
                context.Response.Redirect(SingleSignOnOutcomes.SignInPageFor(SingleSignOnOutcome.ProviderAnswerRefused));
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }
}
