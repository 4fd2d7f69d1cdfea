using System.Collections.Concurrent;
using System.Net;
using System.Text;
using CleanAgent.Domain.Agents;
using CleanAgent.IntegrationTests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAgent.IntegrationTests.Operations;

/// <summary>
/// The server's own wiring, as an operator turns it on: with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, a call's spans reach
/// an OTLP/HTTP collector (a real HTTP server in the test, reading the protobuf bodies as bytes), the call's span with
/// its run name among them, and none of what it receives holds the API key or the provider token.
/// </summary>
public sealed class OtlpTraceExportTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private readonly ConcurrentQueue<byte[]> _traceBodies = new();
    private WebApplication _collector = null!;
    private CleanAgentHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        _collector = builder.Build();
        _collector.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            _traceBodies.Enqueue(body.ToArray());
            return Results.Ok();
        });
        _collector.MapPost("/v1/metrics", () => Results.Ok());
        await _collector.StartAsync();
        var collector = _collector.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _host = new CleanAgentHost(_database, settings: new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _collector.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task WithAnOtlpEndpoint_TheCallsSpansAreExported_WithoutItsSecrets()
    {
        var tenant = await _host.CreateTenantAsync(kind: AgentKind.Echo, publish: true);
        await using (var call = await AgentStreamClient.ConnectAsync(_host.BaseAddress, tenant))
        {
            await call.HandshakeAsync();
            await call.SendStopAsync();
            Assert.Equal(1000, (await call.ReceiveCloseAsync()).Code);
        }

        var run = await _host.Query(db => db.WorkflowRuns.AsNoTracking().SingleAsync(r => r.AgentId == tenant.AgentId));
        // Protobuf keeps strings as UTF-8 bytes: the run's name is in the body that carries the call's span.
        var exported = await Eventually.Until(
            () => Task.FromResult(_traceBodies.Select(b => Encoding.UTF8.GetString(b)).FirstOrDefault(b => b.Contains(run.Name, StringComparison.Ordinal))),
            body => body is not null, seconds: 30);
        Assert.Contains("agent_stream.call", exported, StringComparison.Ordinal); // the name of the span that holds the run name
        // The use cases' spans end earlier and may have gone in an earlier batch.
        Assert.Contains(_traceBodies, b => Encoding.UTF8.GetString(b).Contains("StartWorkflowRun", StringComparison.Ordinal));
        foreach (var body in _traceBodies.Select(b => Encoding.UTF8.GetString(b)))
        {
            Assert.DoesNotContain(tenant.ApiKey.Value, body, StringComparison.Ordinal);
            Assert.DoesNotContain("cx-session-token", body, StringComparison.Ordinal);
        }
    }
}
