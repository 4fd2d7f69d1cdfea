using CleanAgent.Application.Common.Behaviours;
using CleanAgent.Web.AgentStream;
using CleanAgent.Web.Common;
using Mediator;

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
            options.PipelineBehaviors = [typeof(ValidationBehaviour<,>)];
        });
        services.AddSingleton<UseCases>();
        return services;
    }

    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails();
        services.Configure<AgentStreamOptions>(configuration.GetSection(AgentStreamOptions.Section));
        return services;
    }

    /// <summary>
    /// The URL of an Agent Stream request carries the API key and the provider token. ASP.NET Core's own
    /// request log writes the full URL, query string included, so it is held to warnings here — in code, so no
    /// configuration can turn it back on. Our own log lines never carry the URL.
    /// </summary>
    public static ILoggingBuilder KeepSecretsOutOfLogs(this ILoggingBuilder logging)
    {
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        logging.AddFilter("Microsoft.AspNetCore.HttpLogging", LogLevel.None);
        return logging;
    }
}
