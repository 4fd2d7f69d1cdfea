using CleanAgent.Infrastructure.Identity;
using CleanAgent.Web.Dashboard.SingleSignOn;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;

namespace CleanAgent.Web.Dashboard;

/// <summary>
/// The dashboard (<c>../shared/docs/rest-api.md</c>, "Dashboard pages"): Razor Pages in this folder, signed in with a
/// local account's cookie. The cookie scheme is never the default: the REST API keeps its API-key scheme, Agent Stream
/// and the health routes authenticate nothing, and only the dashboard's pages (their policy names the scheme) read the
/// cookie. Every page sends the same use cases as the REST API, scoped to the user's organization.
/// </summary>
internal static class DashboardSite
{
    public const string Policy = "Dashboard";
    public const string CookieName = "CleanAgent.Dashboard";
    public const string SignInPath = "/sign-in";
    public const string SetUpPath = "/set-up";

    /// <summary>Where the dashboard's own scripts and styles are served from: the host, never a CDN.</summary>
    public const string AssetsPath = "/dashboard-assets";

    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        new IdentityBuilder(typeof(DashboardUser), services)
            .AddSignInManager()
            .AddClaimsPrincipalFactory<DashboardClaimsFactory>();
        services.TryAddScoped<ISecurityStampValidator, SecurityStampValidator<DashboardUser>>();
        services.AddAuthentication()
            .AddCookie(IdentityConstants.ApplicationScheme, cookie =>
            {
                cookie.Cookie.Name = CookieName;
                cookie.Cookie.HttpOnly = true;
                // Secure on HTTPS; plain http is for loopback and behind a TLS-terminating proxy (see README, TLS).
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.LoginPath = SignInPath;
                cookie.LogoutPath = "/sign-out";
                cookie.AccessDeniedPath = SignInPath;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
                cookie.SlidingExpiration = true;
                cookie.Events.OnValidatePrincipal = SecurityStampValidator.ValidatePrincipalAsync;
            })
            .AddSingleSignOn(configuration);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser()
                .RequireClaim(DashboardCaller.OrganizationClaim));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "CleanAgent.Antiforgery";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Dashboard/Pages";
            options.Conventions.AuthorizeFolder("/", Policy);
            options.Conventions.AllowAnonymousToFolder("/Account");
        });
        services.AddSingleton<OwnerSetUp>();
        services.AddScoped<SingleSignOnSignIn>();
        return services;
    }

    /// <summary>The script and the style, before authentication: they hold nothing private.</summary>
    public static WebApplication UseDashboardAssets(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "Dashboard", "Assets")),
            RequestPath = AssetsPath,
        });
        return app;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }
}
