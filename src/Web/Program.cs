using CleanAgent.Application;
using CleanAgent.Infrastructure;
using CleanAgent.Infrastructure.Persistence;
using CleanAgent.Web;
using CleanAgent.Web.Admin;
using CleanAgent.Web.AgentStream;
using CleanAgent.Web.Api;
using CleanAgent.Web.Dashboard;
using CleanAgent.Web.Health;
using CleanAgent.Web.Observability;
using CleanAgent.Web.ReverseProxy;

// One executable, two faces: `admin …` for operators and scripts, otherwise the server.
if (args is ["admin", .. var adminArgs]) return await AdminCli.RunAsync(adminArgs);
if (ServerCommandLine.Answer(args, Console.Out) is { } answered) return answered;

// The program's own folder is the content root: its appsettings.json applies wherever the command is run from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Logging.KeepSecretsOutOfLogs();
// As a systemd unit (Type=notify) or a Windows service, the service manager's stop is the drain's SIGTERM; started
// from a shell, both are no-ops.
builder.Host.UseSystemd().UseWindowsService();
builder.Services
    .AddApplication()
    .AddInfrastructure(builder.Configuration)
    .AddServerInfrastructure(builder.Configuration)
    .AddUseCases()
    .AddWeb(builder.Configuration);

var app = builder.Build();
if (!app.SettingsAreValid()) return 2;
if (ListenAddresses.FirstInUse(app.Configuration[WebHostDefaults.ServerUrlsKey] ?? "http://localhost:5000") is { } taken)
{
    Console.Error.WriteLine($"error: cannot listen on {taken}: the address is already in use (set another with --urls).");
    return 2;
}

if (await app.DatabaseIsReadyAsync() is { } problem)
{
    Console.Error.WriteLine($"error: {problem}");
    return 2;
}

app.UseForwardedHeadersWhenEnabled(); // before everything else: all that follows sees the client's scheme and address
app.UseStatusCodePages(); // an error status without a body (a bad JSON body, an unknown route) still gets problem details
app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
app.UseDashboardAssets();
app.UseAuthentication();
app.UseAuthorization();
app.MapHealth();
app.MapMetrics();
app.MapAgentStream();
app.MapManagementApi();
app.MapDashboard();

await app.RunAsync();
return 0;

public partial class Program;
