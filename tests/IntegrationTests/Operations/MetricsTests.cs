using System.Net;
using CleanAgent.Application.Common;
using CleanAgent.Domain.Agents;
using CleanAgent.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.IntegrationTests.Operations;

/// <summary>
/// <c>/metrics</c> in Prometheus format on a real host: after an admitted call and a refused one, the admissions by
/// outcome, the calls ended by end reason, call durations, the use cases' database time, ASP.NET Core's and the
/// runtime's meters are there — and no run name or phone number is a label.
/// </summary>
public sealed class MetricsTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    [Fact]
    public async Task Metrics_CountAdmissionsAndEnds_TimeUseCases_AndCarryNoCallerData()
    {
        var host = fixture.Host;
        var tenant = await host.CreateTenantAsync(kind: AgentKind.Echo, publish: true);
        await using (var call = await AgentStreamClient.ConnectAsync(host.BaseAddress, tenant))
        {
            await call.HandshakeAsync();
            await call.SendStopAsync();
            Assert.Equal(1000, (await call.ReceiveCloseAsync()).Code);
        }

        await using (var refused = await AgentStreamClient.ConnectAsync(host.BaseAddress, tenant with { ApiKey = new Secret("dg_not-a-key-of-anyone") }))
            Assert.Equal(1008, (await refused.ReceiveCloseAsync()).Code);
        var run = await host.Query(db => db.WorkflowRuns.AsNoTracking().SingleAsync(r => r.AgentId == tenant.AgentId));
        await Eventually.Until(() => host.Query(db => db.WorkflowRuns.CountAsync(r => r.Id == run.Id && r.EndedAt != null)), n => n == 1);

        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var metrics = await Eventually.Until(async () =>
        {
            var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }, text => text.Contains("end_reason=\"user_hangup\"", StringComparison.Ordinal));

        foreach (var expected in new[]
                 {
                     "cleanagent_admissions_total{", "outcome=\"admitted\"", "outcome=\"1008\"",
                     "cleanagent_calls_ended_total{", "cleanagent_call_duration_seconds_bucket{",
                     "cleanagent_calls_active{", $"organization=\"{tenant.OrganizationId}\"",
                     "cleanagent_usecase_duration_seconds_bucket{", "use_case=\"AuthenticateApiKey\"", "use_case=\"StartWorkflowRun\"",
                     "http_server_request_duration_seconds_bucket{", // ASP.NET Core's meter
                 })
            Assert.Contains(expected, metrics, StringComparison.Ordinal);
        Assert.Matches("(?m)^(process_runtime_dotnet|dotnet)_gc_", metrics); // the runtime's meter
        Assert.Contains("kestrel_active_connections", metrics, StringComparison.Ordinal);
        // Kestrel's memory-pool meter is left out: it records on every buffer of every audio frame.
        Assert.DoesNotContain("aspnetcore_memory_pool", metrics, StringComparison.Ordinal);
        // The call has ended: its organization's active-calls gauge is back at 0.
        Assert.Matches($"(?m)^cleanagent_calls_active\\{{[^}}]*organization=\"{tenant.OrganizationId}\"[^}}]*\\}} 0( |$)", metrics);
        Assert.DoesNotContain(run.Name, metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("+1555", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain(tenant.ApiKey.Value, metrics, StringComparison.Ordinal);
    }
}
