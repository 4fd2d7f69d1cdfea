using System.Net;
using CleanAgent.Application.Quota;
using CleanAgent.Application.Runs;
using CleanAgent.Domain.Runs;
using CleanAgent.IntegrationTests.Support;
using static CleanAgent.IntegrationTests.Api.ManagementApiClient;

namespace CleanAgent.IntegrationTests.Api;

/// <summary>
/// Every filter and sort of the run list over real HTTP, on runs of known creation times and durations (made by the
/// admission use cases on the host's driven clock): durations, creation window, duration sorts, and the page bounds.
/// </summary>
public sealed class RunListFilterTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    [Fact]
    public async Task DurationsAndTimes_Filter_AndSort_AsTheContractSays()
    {
        var host = fixture.Host;
        var tenant = await host.CreateTenantAsync(concurrentCallLimit: 5);
        var runs = new List<(string Name, DateTime CreatedAt)>();
        foreach (var seconds in new[] { 60, 10, 300 })
        {
            var slot = (await host.Send(new CheckQuota(tenant.OrganizationId))).Value;
            var spec = new RunSpec(new PinnedVersion(tenant.OrganizationId, tenant.AgentId, tenant.AgentVersionId), CallType.Inbound, CallMode.Of("cloudonix"),
                new Dictionary<string, string> { ["provider"] = "cloudonix" });
            var started = (await host.Send(new StartWorkflowRun(spec, slot.ReservationId))).Value;
            runs.Add((started.Name, fixture.Clock.GetUtcNow().UtcDateTime));
            fixture.Clock.Advance(TimeSpan.FromSeconds(seconds));
            Assert.True((await host.Send(new EndWorkflowRun(started.RunId, RunEndReason.UserHangup))).IsSuccess);
            await host.Send(new ReleaseCapacity(slot.ReservationId));
            fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var (sixty, ten, threeHundred) = (runs[0].Name, runs[1].Name, runs[2].Name);
        using var api = new ManagementApiClient(host.BaseAddress, tenant.ApiKey);
        async Task<List<string>> Names(string query) =>
            (await Json(await api.GetAsync($"/api/v1/agents/{tenant.AgentUuid}/runs?{query}"), HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Select(r => r.GetProperty("name").GetString()!).ToList();

        Assert.Equal([threeHundred, ten, sixty], await Names("")); // newest first
        Assert.Equal([sixty, threeHundred], await Names("minDuration=30&sort=createdAt"));
        Assert.Equal([sixty, ten], await Names("maxDuration=100&sort=createdAt"));
        Assert.Equal([sixty], await Names("minDuration=30&maxDuration=100"));
        Assert.Equal([ten, sixty, threeHundred], await Names("sort=duration"));
        Assert.Equal([threeHundred, sixty, ten], await Names("sort=-duration"));
        var from = Uri.EscapeDataString(runs[1].CreatedAt.ToString("O"));
        var to = Uri.EscapeDataString(runs[2].CreatedAt.ToString("O"));
        Assert.Equal([ten], await Names($"from={from}&to={to}")); // from inclusive, to exclusive
        Assert.Equal([threeHundred, ten], await Names($"from={from}"));
        Assert.Equal([sixty], await Names($"to={from}"));
        Assert.Equal([threeHundred, ten, sixty], await Names("pageSize=100")); // the largest page is allowed
        Assert.Equal([ten], await Names("pageSize=1&page=2"));

        var durations = (await Json(await api.GetAsync($"/api/v1/agents/{tenant.AgentUuid}/runs?sort=duration"), HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Select(r => r.GetProperty("durationSeconds").GetDouble()).ToList();
        Assert.Equal([10d, 60d, 300d], durations);
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=100001", "page")]
    [InlineData("maxDuration=5&minDuration=10", "maxDuration")]
    [InlineData("from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", "to")]
    public async Task OutOfBoundsQueries_AreValidationProblems(string query, string field)
    {
        var tenant = await fixture.Host.CreateTenantAsync();
        using var api = new ManagementApiClient(fixture.Host.BaseAddress, tenant.ApiKey);

        var problem = await Json(await api.GetAsync($"/api/v1/agents/{tenant.AgentUuid}/runs?{query}"), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [Fact]
    public async Task AnArchivedKey_Is401_OnTheApi()
    {
        var tenant = await fixture.Host.CreateTenantAsync();
        using var api = new ManagementApiClient(fixture.Host.BaseAddress, tenant.ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/agents")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/v1/api-keys/{tenant.ApiKeyId}/archive")).StatusCode);

        var refused = await api.GetAsync("/api/v1/agents");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }
}
