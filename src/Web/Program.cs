using CleanAgent.Application;
using CleanAgent.Infrastructure;
using CleanAgent.Infrastructure.Persistence;
using CleanAgent.Web;
using CleanAgent.Web.Admin;
using CleanAgent.Web.AgentStream;

// One executable, two faces: `admin …` for operators and scripts, otherwise the server.
if (args is ["admin", .. var adminArgs]) return await AdminCli.RunAsync(adminArgs);

var builder = WebApplication.CreateBuilder(args);
builder.Logging.KeepSecretsOutOfLogs();
builder.Services
    .AddApplication()
    .AddInfrastructure(builder.Configuration)
    .AddServerInfrastructure(builder.Configuration)
    .AddUseCases()
    .AddWeb(builder.Configuration);

var app = builder.Build();
if (!app.SettingsAreValid()) return 2;
await app.Services.GetRequiredService<DatabaseMigrator>().PrepareAsync(app.Lifetime.ApplicationStopping);

app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
app.MapAgentStream();

await app.RunAsync();
return 0;

public partial class Program;
