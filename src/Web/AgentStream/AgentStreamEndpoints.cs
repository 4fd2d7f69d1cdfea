using CleanAgent.Application.Calls;
using CleanAgent.Application.Common;
using CleanAgent.Infrastructure.Calls;
using CleanAgent.Infrastructure.Observability;
using CleanAgent.Web.Common;

namespace CleanAgent.Web.AgentStream;

public static class AgentStreamEndpoints
{
    public const string Route = "/api/v1/agent-stream/{agentUuid}";
    public const string RouteWithProvider = "/api/v1/agent-stream/{provider}/{agentUuid}";

    public static IEndpointRouteBuilder MapAgentStream(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map(Route, (HttpContext context, string agentUuid) => AcceptAsync(context, null, agentUuid));
        endpoints.Map(RouteWithProvider, (HttpContext context, string provider, string agentUuid) => AcceptAsync(context, provider, agentUuid));
        return endpoints;
    }

    private static async Task<IResult> AcceptAsync(HttpContext context, string? provider, string agentUuid)
    {
        if (!context.WebSockets.IsWebSocketRequest)
            return ErrorMapping.ToProblem(new Error(ErrorKind.Validation, "Agent Stream is a WebSocket endpoint."));

        // The call's span, the root of the server's own spans for it (under ASP.NET Core's request span): admission,
        // handshake, turns and hang-up are its children.
        using var span = CallTracing.StartCall();
        var services = context.RequestServices;
        var drain = services.GetRequiredService<CallDrain>();
        using var lease = drain.TryEnter();
        if (lease is null)
        {
            // Draining: turned away before anything is read or stored, so no run is left behind; the platform retries.
            var socket = await context.WebSockets.AcceptWebSocketAsync();
            CallMetrics.Refused((int)ErrorMapping.TryAgainLater);
            await services.GetRequiredService<IMediaStreams>().RefuseAsync(socket, ErrorMapping.TryAgainLater, "Server is shutting down; try again later.");
            return Results.Empty;
        }

        var call = new AgentStreamCall(
            AgentStreamRequestReader.Read(context.Request, provider, agentUuid),
            ActivatorUtilities.CreateInstance<AgentStreamServices>(services, ActivatorUtilities.CreateInstance<TelephonyProviderResolver>(services)),
            services.GetRequiredService<ILoggerFactory>().CreateLogger("CleanAgent.AgentStream"),
            span);
        await call.RunAsync(() => context.WebSockets.AcceptWebSocketAsync(), context.Connection.RemoteIpAddress, context.Request.Scheme,
            context.RequestAborted, drain.Deadline);
        return Results.Empty;
    }
}
