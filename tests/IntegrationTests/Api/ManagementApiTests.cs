using System.Net;
using System.Text.Json;
using CleanAgent.Application.Common;
using CleanAgent.Application.Runs;
using CleanAgent.Domain.Agents;
using CleanAgent.Domain.Agents.Definitions;
using CleanAgent.Domain.Runs;
using CleanAgent.IntegrationTests.Support;
using static CleanAgent.IntegrationTests.Api.ManagementApiClient;

namespace CleanAgent.IntegrationTests.Api;

/// <summary>
/// The management REST API on a real Kestrel host and SQLite file, through a real HTTP client: authentication, the
/// organization scope, keys, agents, runs, the organization, errors as problem details, and the OpenAPI document.
/// </summary>
public sealed class ManagementApiTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private CleanAgentHost Host => fixture.Host;

    [Theory]
    [InlineData(null)] // no key
    [InlineData("dg_unknown-key-000000000000000000000000")] // a key nobody issued
    [InlineData("not-even-a-key")]
    public async Task WithoutAValidKey_EveryRouteIs401_AsProblemDetails(string? key)
    {
        using var api = new ManagementApiClient(Host.BaseAddress, key is null ? null : new Secret(key));

        foreach (var path in new[] { "/api/v1/agents", "/api/v1/api-keys", "/api/v1/organization", $"/api/v1/runs/{Guid.NewGuid()}" })
        {
            var response = await api.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(401, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
            if (key is not null) Assert.DoesNotContain(key, body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EveryDocumentedRoute_Is401_WithoutAKey_AndWithAnArchivedOne()
    {
        var tenant = await Host.CreateTenantAsync();
        using var archiving = new ManagementApiClient(Host.BaseAddress, tenant.ApiKey);
        Assert.Equal(HttpStatusCode.NoContent, (await archiving.PostAsync($"/api/v1/api-keys/{tenant.ApiKeyId}/archive")).StatusCode);
        using var anonymous = new ManagementApiClient(Host.BaseAddress, null);
        using var archived = new ManagementApiClient(Host.BaseAddress, tenant.ApiKey);
        var paths = (await Json(await anonymous.GetAsync("/openapi/v1.json"), HttpStatusCode.OK)).GetProperty("paths");

        var checkedRoutes = 0;
        foreach (var path in paths.EnumerateObject().Where(p => p.Name.StartsWith("/api/v1/", StringComparison.Ordinal)))
        {
            var url = path.Name.Replace("{agentUuid}", tenant.AgentUuid.ToString(), StringComparison.Ordinal)
                .Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal).Replace("{stage}", "llm", StringComparison.Ordinal);
            foreach (var method in path.Value.EnumerateObject())
            {
                foreach (var client in new[] { anonymous, archived })
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method.Name.ToUpperInvariant()), new Uri(url, UriKind.Relative));
                    if (method.Name is "post" or "put" or "patch") request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                    var response = await client.SendAsync(request);
                    Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method.Name} {path.Name}: {(int)response.StatusCode}");
                }

                checkedRoutes++;
            }
        }

        Assert.True(checkedRoutes >= 19, $"only {checkedRoutes} routes documented");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheKey_AuthenticatesAsXApiKey_OrAsBearer(bool asBearer)
    {
        var tenant = await Host.CreateTenantAsync();
        using var api = new ManagementApiClient(Host.BaseAddress, tenant.ApiKey, asBearer);

        var agents = await Json(await api.GetAsync("/api/v1/agents"), HttpStatusCode.OK);

        Assert.Equal(tenant.AgentUuid, agents.EnumerateArray().Single().GetProperty("agentUuid").GetGuid());
    }

    [Fact]
    public async Task AnotherOrganizationsResources_Are404_ExactlyLikeMissingOnes()
    {
        var mine = await Host.CreateTenantAsync();
        var theirs = await Host.CreateTenantAsync();
        var theirRun = (await Host.Send(new RecordRefusedRun(Spec(theirs, "+15550001"), RunEndReason.QuotaExceeded))).Value;
        using var api = new ManagementApiClient(Host.BaseAddress, mine.ApiKey);

        foreach (var (request, what) in new (Func<Task<HttpResponseMessage>>, string)[]
                 {
                     (() => api.GetAsync($"/api/v1/agents/{theirs.AgentUuid}"), "their agent"),
                     (() => api.GetAsync($"/api/v1/agents/{theirs.AgentUuid}/runs"), "their agent's runs"),
                     (() => api.GetAsync($"/api/v1/runs/{theirRun.RunId}"), "their run by id"),
                     (() => api.GetAsync($"/api/v1/runs/{theirRun.Name}"), "their run by name"),
                     (() => api.PostAsync($"/api/v1/agents/{theirs.AgentUuid}/publish"), "publishing their agent"),
                     (() => api.PostAsync($"/api/v1/agents/{theirs.AgentUuid}/archive"), "archiving their agent"),
                     (() => api.PutAsync($"/api/v1/agents/{theirs.AgentUuid}/draft", new { definition = JsonDocument.Parse(AgentDefinition.MinimalJson).RootElement }), "their draft"),
                     (() => api.PostAsync($"/api/v1/api-keys/{theirs.ApiKeyId}/archive"), "archiving their key"),
                     (() => api.GetAsync($"/api/v1/agents/{Guid.NewGuid()}"), "a missing agent"),
                 })
        {
            var response = await request();
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{what}: {(int)response.StatusCode}");
        }

        var keys = await Json(await api.GetAsync("/api/v1/api-keys?includeArchived=true"), HttpStatusCode.OK);
        Assert.Equal([mine.ApiKeyId], keys.EnumerateArray().Select(k => k.GetProperty("id").GetGuid()));
        Assert.False((await Host.Query(db => Task.FromResult(db.Agents.Single(a => a.Id == theirs.AgentId).IsArchived))), "their agent was archived through my key");
    }

    [Fact]
    public async Task AKey_IsShownOnce_Listed_Archived_RefusedByAgentStream_ThenReactivated_AndAdmittedAgain()
    {
        var tenant = await Host.CreateTenantAsync(publish: true, kind: AgentKind.Echo);
        using var api = new ManagementApiClient(Host.BaseAddress, tenant.ApiKey);

        var created = await Json(await api.PostAsync("/api/v1/api-keys", new { name = "cloudonix" }), HttpStatusCode.Created);
        var key = new Secret(created.GetProperty("apiKey").GetString()!);
        var id = created.GetProperty("id").GetGuid();
        Assert.StartsWith(created.GetProperty("displayPrefix").GetString()!, key.Value, StringComparison.Ordinal);

        var listedText = await (await api.GetAsync("/api/v1/api-keys")).Content.ReadAsStringAsync();
        Assert.Contains("cloudonix", listedText, StringComparison.Ordinal);
        Assert.DoesNotContain(key.Value, listedText, StringComparison.Ordinal);

        var callWithNewKey = tenant with { ApiKey = key };
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/v1/api-keys/{id}/archive")).StatusCode);
        await using (var refused = await AgentStreamClient.ConnectAsync(Host.BaseAddress, callWithNewKey))
            Assert.Equal(1008, (await refused.ReceiveCloseAsync()).Code);
        var active = await Json(await api.GetAsync("/api/v1/api-keys"), HttpStatusCode.OK);
        Assert.DoesNotContain(active.EnumerateArray(), k => k.GetProperty("id").GetGuid() == id);

        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/v1/api-keys/{id}/reactivate")).StatusCode);
        await using var admitted = await AgentStreamClient.ConnectAsync(Host.BaseAddress, callWithNewKey);
        await admitted.HandshakeAsync();
        await admitted.SendStopAsync();
        Assert.Equal(1000, (await admitted.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task AnAgent_IsCreated_ItsDraftSaved_Validated_Published_AndArchived()
    {
        var tenant = await Host.CreateTenantAsync();
        using var api = new ManagementApiClient(Host.BaseAddress, tenant.ApiKey);
        var graph = JsonDocument.Parse(AgentDefinition.MinimalJson).RootElement;

        var agent = await Json(await api.PostAsync("/api/v1/agents", new { name = "Front desk", definition = graph }), HttpStatusCode.Created);
        var uuid = agent.GetProperty("agentUuid").GetGuid();
        Assert.Equal("draft", agent.GetProperty("versions")[0].GetProperty("status").GetString());

        var invalid = await Json(await api.PutAsync($"/api/v1/agents/{uuid}/draft",
            new { definition = JsonDocument.Parse("""{"nodes":[{"id":"s","type":"startCall"},{"id":"orphan","type":"agentNode"}],"edges":[]}""").RootElement }),
            HttpStatusCode.BadRequest);
        Assert.Contains("node 'orphan' (agentNode)", invalid.GetProperty("errors").GetProperty("definition")[0].GetString(), StringComparison.Ordinal);

        var edited = AgentDefinition.MinimalJson.Replace("Thank the caller", "Thank the front desk caller", StringComparison.Ordinal);
        var saved = await Json(await api.PutAsync($"/api/v1/agents/{uuid}/draft", new { definition = JsonDocument.Parse(edited).RootElement }), HttpStatusCode.OK);
        Assert.Equal(1, saved.GetProperty("number").GetInt32());

        var published = await Json(await api.PostAsync($"/api/v1/agents/{uuid}/publish"), HttpStatusCode.OK);
        Assert.Equal(1, published.GetProperty("number").GetInt32());
        var again = await Json(await api.PostAsync($"/api/v1/agents/{uuid}/publish"), HttpStatusCode.Conflict);
        Assert.Equal(409, again.GetProperty("status").GetInt32());

        var shown = await Json(await api.GetAsync($"/api/v1/agents/{uuid}"), HttpStatusCode.OK);
        Assert.Contains("Thank the front desk caller", shown.GetProperty("versions")[0].GetProperty("definition").GetRawText(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/v1/agents/{uuid}/archive")).StatusCode);
        var listed = await Json(await api.GetAsync("/api/v1/agents"), HttpStatusCode.OK);
        Assert.DoesNotContain(listed.EnumerateArray(), a => a.GetProperty("agentUuid").GetGuid() == uuid);
        var withArchived = await Json(await api.GetAsync("/api/v1/agents?includeArchived=true"), HttpStatusCode.OK);
        Assert.True(withArchived.EnumerateArray().Single(a => a.GetProperty("agentUuid").GetGuid() == uuid).GetProperty("isArchived").GetBoolean());
    }

    [Fact]
    public async Task ADograhExport_ImportsAndExports_Unchanged()
    {
        var tenant = await Host.CreateTenantAsync();
        using var api = new ManagementApiClient(Host.BaseAddress, tenant.ApiKey);
        var export = System.Text.Json.Nodes.JsonNode.Parse($$"""
            {
              "name": "Receptionist",
              "workflow_definition": {{File.ReadAllText(Repository.Example("receptionist.json"))}},
              "workflow_configurations": {{File.ReadAllText(Repository.Example("receptionist.configurations.json"))}}
            }
            """)!;

        var imported = await Json(await api.PostAsync("/api/v1/agents/import", export), HttpStatusCode.Created);
        var uuid = imported.GetProperty("agentUuid").GetGuid();
        var exported = await Json(await api.GetAsync($"/api/v1/agents/{uuid}/export"), HttpStatusCode.OK);

        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(export, System.Text.Json.Nodes.JsonNode.Parse(exported.GetRawText())),
            $"exported differently: {exported.GetRawText()}");

        var invalid = await Json(await api.PostAsync("/api/v1/agents/import", new { name = "Bad", workflow_definition = new { nodes = Array.Empty<object>(), edges = Array.Empty<object>() } }),
            HttpStatusCode.BadRequest);
        Assert.True(invalid.GetProperty("errors").TryGetProperty("definition", out _), invalid.GetRawText());
    }

    [Fact]
    public async Task TheRunList_IsPaged_Filtered_AndSorted_NewestFirst()
    {
        var tenant = await Host.CreateTenantAsync();
        var names = new List<string>();
        foreach (var caller in new[] { "+15550100", "+15550111", "+44207000", "+15550122" })
        {
            names.Add((await Host.Send(new RecordRefusedRun(Spec(tenant, caller), RunEndReason.QuotaExceeded))).Value.Name);
            fixture.Clock.Advance(TimeSpan.FromSeconds(1)); // distinct creation times
        }

        using var api = new ManagementApiClient(Host.BaseAddress, tenant.ApiKey);

        var first = await Json(await api.GetAsync($"/api/v1/agents/{tenant.AgentUuid}/runs?pageSize=3"), HttpStatusCode.OK);
        Assert.Equal(4, first.GetProperty("total").GetInt32());
        Assert.Equal(names.AsEnumerable().Reverse().Take(3), first.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        var second = await Json(await api.GetAsync($"/api/v1/agents/{tenant.AgentUuid}/runs?pageSize=3&page=2"), HttpStatusCode.OK);
        Assert.Equal([names[0]], second.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(4, second.GetProperty("total").GetInt32()); // the last page knows the total without counting
        var beyond = await Json(await api.GetAsync($"/api/v1/agents/{tenant.AgentUuid}/runs?pageSize=3&page=5"), HttpStatusCode.OK);
        Assert.Equal(0, beyond.GetProperty("items").GetArrayLength());
        Assert.Equal(4, beyond.GetProperty("total").GetInt32());

        var oldestFirst = await Json(await api.GetAsync($"/api/v1/agents/{tenant.AgentUuid}/runs?sort=createdAt"), HttpStatusCode.OK);
        Assert.Equal(names, oldestFirst.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("name").GetString()));

        var byCaller = await Json(await api.GetAsync($"/api/v1/agents/{tenant.AgentUuid}/runs?caller=555011"), HttpStatusCode.OK);
        Assert.Equal([names[1]], byCaller.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Equal("+15550111", byCaller.GetProperty("items")[0].GetProperty("callerNumber").GetString());

        var failed = await Json(await api.GetAsync($"/api/v1/agents/{tenant.AgentUuid}/runs?state=failed&endReason=quota_exceeded"), HttpStatusCode.OK);
        Assert.Equal(4, failed.GetProperty("total").GetInt32());
        var none = await Json(await api.GetAsync($"/api/v1/agents/{tenant.AgentUuid}/runs?state=completed"), HttpStatusCode.OK);
        Assert.Equal(0, none.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("state=happy", "state")]
    [InlineData("endReason=bored", "endReason")]
    [InlineData("sort=name", "sort")]
    [InlineData("minDuration=-1", "minDuration")]
    public async Task ABadRunListQuery_IsAValidationProblem_NamingTheField(string query, string field)
    {
        var tenant = await Host.CreateTenantAsync();
        using var api = new ManagementApiClient(Host.BaseAddress, tenant.ApiKey);

        var problem = await Json(await api.GetAsync($"/api/v1/agents/{tenant.AgentUuid}/runs?{query}"), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.GetRawText());
        Assert.NotEmpty(messages.EnumerateArray());
    }

    [Fact]
    public async Task OneRun_IsWhole_WithItsRecordingLink_AndTheRecordingServesRanges()
    {
        var tenant = await Host.CreateTenantAsync();
        var run = (await Host.Send(new RecordRefusedRun(Spec(tenant, "+15550100"), RunEndReason.QuotaExceeded))).Value;
        var wav = Path.Combine(((SqliteTestDatabase)fixture.Database).Folder, $"{run.Name}.wav");
        var bytes = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        await File.WriteAllBytesAsync(wav, bytes);
        Assert.True((await Host.Send(new AttachRecording(run.RunId, wav))).IsSuccess);
        using var api = new ManagementApiClient(Host.BaseAddress, tenant.ApiKey);

        var details = await Json(await api.GetAsync($"/api/v1/runs/{run.Name}"), HttpStatusCode.OK);
        Assert.Equal(run.RunId, details.GetProperty("id").GetGuid());
        Assert.Equal("+15550100", details.GetProperty("initialContext").GetProperty("caller_number").GetString());
        Assert.Equal($"/api/v1/runs/{run.RunId}/recording", details.GetProperty("recordingUrl").GetString());
        Assert.False(details.TryGetProperty("recordingPath", out _), "the server's file path is not the caller's business");

        using var range = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/v1/runs/{run.RunId}/recording", UriKind.Relative));
        range.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(100, 199);
        var partial = await api.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal("audio/wav", partial.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes[100..200], await partial.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task TheOrganization_ShowsLimitsAndUsage_AndItsLimitsChange()
    {
        var tenant = await Host.CreateTenantAsync(concurrentCallLimit: 3, monthlyMinutes: 600);
        using var api = new ManagementApiClient(Host.BaseAddress, tenant.ApiKey);

        var before = await Json(await api.GetAsync("/api/v1/organization"), HttpStatusCode.OK);
        Assert.Equal(3, before.GetProperty("concurrentCallLimit").GetInt32());
        Assert.Equal(600, before.GetProperty("monthlyMinutes").GetInt32());
        Assert.Equal(0, before.GetProperty("activeCalls").GetInt32());

        var changed = await Json(await api.PatchAsync("/api/v1/organization", """{"concurrentCallLimit": 7}"""), HttpStatusCode.OK);
        Assert.Equal(7, changed.GetProperty("concurrentCallLimit").GetInt32());
        Assert.Equal(600, changed.GetProperty("monthlyMinutes").GetInt32()); // left out: unchanged
        var unlimited = await Json(await api.PatchAsync("/api/v1/organization", """{"monthlyMinutes": null}"""), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, unlimited.GetProperty("monthlyMinutes").ValueKind);

        foreach (var bad in new[] { """{"concurrentCallLimit": 0}""", """{"concurrentCallLimit": "many"}""", """{"name": "x"}""", "[]" })
            Assert.Equal(HttpStatusCode.BadRequest, (await api.PatchAsync("/api/v1/organization", bad)).StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/api-keys", """{"name": ""}""", "name")]
    [InlineData("/api/v1/agents", """{"name": " "}""", "name")]
    [InlineData("/api/v1/agents", """{"name": "A", "kind": "robot"}""", "kind")]
    [InlineData("/api/v1/agents", """{"name": "A", "configurations": {"max_call_duration": "long"}}""", "configurations")]
    public async Task ABadBody_IsAValidationProblem_NamingTheField(string path, string body, string field)
    {
        var tenant = await Host.CreateTenantAsync();
        using var api = new ManagementApiClient(Host.BaseAddress, tenant.ApiKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };

        var problem = await Json(await api.SendAsync(request), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [Fact]
    public async Task ABodyOverTheLimit_IsRefused_AndMalformedJson_IsAProblem()
    {
        var tenant = await Host.CreateTenantAsync();
        using var api = new ManagementApiClient(Host.BaseAddress, tenant.ApiKey);

        var huge = await api.PostAsync("/api/v1/api-keys", new { name = new string('k', 2 * 1024 * 1024) });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);

        var malformed = await api.PatchAsync("/api/v1/organization", "{not json");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheOpenApiDocument_DocumentsEveryRoute_WithItsErrors_AndScalarIsServed()
    {
        using var anonymous = new ManagementApiClient(Host.BaseAddress, null);

        var document = await Json(await anonymous.GetAsync("/openapi/v1.json"), HttpStatusCode.OK);
        var paths = document.GetProperty("paths");
        foreach (var (path, method) in new[]
                 {
                     ("/api/v1/api-keys", "post"), ("/api/v1/api-keys", "get"), ("/api/v1/api-keys/{id}/archive", "post"), ("/api/v1/api-keys/{id}/reactivate", "post"),
                     ("/api/v1/agents", "post"), ("/api/v1/agents", "get"), ("/api/v1/agents/{agentUuid}", "get"), ("/api/v1/agents/{agentUuid}/draft", "put"),
                     ("/api/v1/agents/{agentUuid}/publish", "post"), ("/api/v1/agents/{agentUuid}/archive", "post"), ("/api/v1/agents/{agentUuid}/runs", "get"),
                     ("/api/v1/agents/import", "post"), ("/api/v1/agents/{agentUuid}/export", "get"),
                     ("/api/v1/runs/{id}", "get"), ("/api/v1/runs/{id}/recording", "get"), ("/api/v1/organization", "get"), ("/api/v1/organization", "patch"),
                     ("/api/v1/organization/providers", "get"), ("/api/v1/organization/providers/{stage}", "put"),
                 })
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is not documented");
            Assert.True(item.TryGetProperty(method, out var operation), $"{method} {path} is not documented");
            var responses = operation.GetProperty("responses");
            Assert.True(responses.TryGetProperty("401", out _), $"{method} {path} does not document 401");
            var success = responses.EnumerateObject().First(r => r.Name.StartsWith('2'));
            // A success with a body names its schema (the recording is a WAV; 204s have no body).
            if (success.Name != "204" && !path.EndsWith("/recording", StringComparison.Ordinal))
                Assert.True(success.Value.TryGetProperty("content", out var content) && content.TryGetProperty("application/json", out var json) && json.TryGetProperty("schema", out _),
                    $"{method} {path} {success.Name} has no JSON response schema");
            if (method is "put" or "patch" || (method == "post" && path is "/api/v1/api-keys" or "/api/v1/agents" or "/api/v1/agents/import"))
                Assert.True(operation.TryGetProperty("requestBody", out var request) && request.GetProperty("content").TryGetProperty("application/json", out var body) && body.TryGetProperty("schema", out _),
                    $"{method} {path} has no JSON request schema");
        }

        var scalar = await anonymous.GetAsync("/scalar/");
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
        var page = await scalar.Content.ReadAsStringAsync();
        Assert.Contains("openapi/v1.json", page, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", page, StringComparison.Ordinal); // served by the host, not a CDN: it works air-gapped
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/scalar/scalar.js")).StatusCode);
    }

    private static RunSpec Spec(Tenant tenant, string callerNumber) => new(
        new PinnedVersion(tenant.OrganizationId, tenant.AgentId, tenant.AgentVersionId), CallType.Inbound, CallMode.Of("cloudonix"),
        new Dictionary<string, string> { ["provider"] = "cloudonix", [WorkflowRun.CallerNumberKey] = callerNumber });
}
