using CleanAgent.Web.Api.Agents;
using CleanAgent.Web.Api.ApiKeys;
using CleanAgent.Web.Api.Organization;
using CleanAgent.Web.Api.Runs;
using Microsoft.AspNetCore.Authentication;
using Scalar.AspNetCore;

namespace CleanAgent.Web.Api;

/// <summary>
/// The management REST API under <c>/api/v1</c> (<c>../shared/docs/rest-api.md</c>): API-key authentication, every
/// route scoped to the key's organization, RFC 7807 errors, bounded bodies, the OpenAPI document and its reference.
/// Each route sends one use case; the admin CLI and the dashboard send the same ones.
/// </summary>
internal static class ManagementApi
{
    public const string Prefix = "/api/v1";

    /// <summary>The largest request body a management route reads: agent graphs are big, but not this big.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public const string ApiKeyPolicy = "ApiKey";

    public static IServiceCollection AddManagementApi(this IServiceCollection services)
    {
        // No default scheme: only the management routes (their policy names the scheme) look at an API key header; an
        // Agent Stream upgrade or /health never costs a key lookup, whatever headers a platform sends.
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyPolicy, policy => policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "CleanAgent management API";
            document.Info.Description = "API keys, agents, runs and the organization, scoped to the API key's organization. Send the key as X-API-Key or Authorization: Bearer.";
            return Task.CompletedTask;
        }));
        return services;
    }

    public static WebApplication MapManagementApi(this WebApplication app)
    {
        var api = app.MapGroup(Prefix)
            .RequireAuthorization(ApiKeyPolicy)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxRequestBodyBytes))
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapApiKeys();
        api.MapAgents();
        api.MapRuns();
        api.MapOrganization();

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/scalar", options => options.WithTitle("CleanAgent API").AddDocument("v1", routePattern: "/openapi/v1.json"));
        return app;
    }
}
