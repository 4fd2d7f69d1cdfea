using CleanAgent.Application.Common.Behaviours;
using CleanAgent.Infrastructure.Configuration;
using CleanAgent.Infrastructure.Persistence;
using CleanAgent.Web.AgentStream;
using CleanAgent.Web.Api;
using CleanAgent.Web.Dashboard;
using CleanAgent.Web.Health;
using CleanAgent.Web.Observability;
using CleanAgent.Web.ReverseProxy;
using CleanAgent.Web.Common;
using Mediator;
using Microsoft.Extensions.Options;

namespace CleanAgent.Web;

public static class DependencyInjection
{
    /// <summary>The mediator with its pipeline, in order. Shared by the server and the admin CLI.</summary>
    public static IServiceCollection AddUseCases(this IServiceCollection services)
    {
        services.AddMediator((MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(Application.DependencyInjection)];
            // Tracing outermost, so a use case refused by its validator still shows as a span.
            options.PipelineBehaviors = [typeof(TracingBehaviour<,>), typeof(ValidationBehaviour<,>)];
        });
        services.AddSingleton<UseCases>();
        return services;
    }

    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails();
        services.AddManagementApi();
        services.AddDashboard(configuration);
        services.AddReadinessChecks();
        services.AddTelemetry(configuration);
        services.AddForwardedHeaders(configuration);
        services.AddValidatedOptions<AgentStreamOptions, AgentStreamOptionsValidator>(configuration, AgentStreamOptions.Section);
        return services;
    }

    /// <summary>
    /// Checks every validated setting before the database is touched or a port opened, so that a bad value stops
    /// the start with one line naming the key (exit code 2, as for the admin CLI's invalid input).
    /// </summary>
    public static bool SettingsAreValid(this WebApplication app)
    {
        try
        {
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            return true;
        }
        catch (Exception ex) when (ex is OptionsValidationException or InvalidOperationException)
        {
            // InvalidOperationException: the binder could not read a value at all (e.g. "soon" for a TimeSpan).
            Console.Error.WriteLine($"error: {ex.Message}");
            return false;
        }
    }

    /// <summary>
    /// Prepares the database (migrations, SQLite's journal mode) before the server takes calls; a database that cannot
    /// be opened or migrated is the start's one line of error, not a stack trace. Null when all is well.
    /// </summary>
    public static async Task<string?> DatabaseIsReadyAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        try
        {
            await app.Services.GetRequiredService<DatabaseMigrator>().PrepareAsync(app.Lifetime.ApplicationStopping);
            return null;
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return $"cannot open the database (Database:Provider={options.Provider}): {ex.GetBaseException().Message}";
        }
    }

    /// <summary>
    /// The URL of an Agent Stream request carries the API key and the provider token. ASP.NET Core's own
    /// request log writes the full URL, query string included, so it is held to warnings here — in code, so no
    /// configuration can turn it back on. Our own log lines never carry the URL. Data Protection writes each key of
    /// its ring, master key included, to its debug log as it reads it: held to information. The OpenID Connect handler
    /// writes the identity provider's answer (the authorization code, the state) to its trace and debug logs: held to
    /// information too.
    /// </summary>
    public static ILoggingBuilder KeepSecretsOutOfLogs(this ILoggingBuilder logging)
    {
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        logging.AddFilter("Microsoft.AspNetCore.HttpLogging", LogLevel.None);
        logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Information);
        logging.AddFilter("Microsoft.AspNetCore.Authentication.OpenIdConnect", LogLevel.Information);
        return logging;
    }
}
