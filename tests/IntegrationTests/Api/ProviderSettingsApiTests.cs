using System.Net;
using CleanAgent.Application.Voice;
using CleanAgent.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using static CleanAgent.IntegrationTests.Api.ManagementApiClient;

namespace CleanAgent.IntegrationTests.Api;

/// <summary>
/// An organization's own voice providers through the REST API: the key is write-only (never returned, not in clear in
/// the database or the log), the settings lie over the server's for that organization's calls (its voice calls are
/// admitted once its own keys make the hosted services usable), and bad settings are validation problems.
/// </summary>
public sealed class ProviderSettingsApiTests : IAsyncLifetime
{
    private const string OpenAi = "https://api.openai.com/v1";

    private readonly SqliteTestDatabase _database = new();
    private CleanAgentHost? _host;

    // The server points every stage at a hosted service and has no key for any: voice calls are refused until an
    // organization brings its own.
    private CleanAgentHost Host => _host ??= new CleanAgentHost(_database, settings: new Dictionary<string, string>
    {
        ["Voice:Llm:BaseUrl"] = OpenAi,
        ["Voice:Stt:BaseUrl"] = OpenAi,
        ["Voice:Tts:BaseUrl"] = OpenAi,
    });

    public ValueTask InitializeAsync() => _database.InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task TheOrganizationsKeys_AreWriteOnly_StoredEncrypted_AndMakeItsVoiceCallsAdmissible()
    {
        var tenant = await Host.CreateTenantAsync(publish: true);
        var other = await Host.CreateTenantAsync(publish: true);
        using var api = new ManagementApiClient(Host.BaseAddress, tenant.ApiKey);
        var keys = new Dictionary<string, string> { ["llm"] = "sk-org-llm-0123456789abcdef", ["stt"] = "sk-org-stt-0123456789abcdef", ["tts"] = "sk-org-tts-0123456789abcdef" };

        await using (var refused = await AgentStreamClient.ConnectAsync(Host.BaseAddress, tenant))
            Assert.Equal(1011, (await refused.ReceiveCloseAsync()).Code);

        foreach (var (stage, key) in keys)
        {
            var response = await api.PutAsync($"/api/v1/organization/providers/{stage}", new { apiKey = key, model = stage == "llm" ? "gpt-4o-mini" : null });
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, text);
            Assert.DoesNotContain(key, text, StringComparison.Ordinal);
            Assert.Contains("\"apiKeySet\":true", text, StringComparison.Ordinal);
        }

        var listed = await (await api.GetAsync("/api/v1/organization/providers")).Content.ReadAsStringAsync();
        Assert.Equal(3, System.Text.Json.JsonDocument.Parse(listed).RootElement.GetArrayLength());
        Assert.DoesNotContain("sk-org-", listed, StringComparison.Ordinal);

        // The settings this organization's calls get: its keys over the server's URLs, its model over the server's.
        var resolved = (await ProvidersOf(tenant));
        Assert.Equal(keys["llm"], resolved.Llm.ApiKey?.Value);
        Assert.Equal(keys["stt"], resolved.SpeechToText.ApiKey?.Value);
        Assert.Equal(keys["tts"], resolved.TextToSpeech.ApiKey?.Value);
        Assert.Equal("gpt-4o-mini", resolved.Llm.Model);
        Assert.Equal(new Uri(OpenAi), resolved.Llm.BaseUrl);
        Assert.Null((await ProvidersOf(other)).Llm.ApiKey); // not another organization's

        // Admission now finds the voice providers usable for this organization (and still not for the other).
        await using (var admitted = await AgentStreamClient.ConnectAsync(Host.BaseAddress, tenant))
            await admitted.HandshakeAsync();
        await using (var stillRefused = await AgentStreamClient.ConnectAsync(Host.BaseAddress, other))
            Assert.Equal(1011, (await stillRefused.ReceiveCloseAsync()).Code);

        await Host.Query(db => db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(FULL);"));
        var stored = System.Text.Encoding.UTF8.GetString(_database.ReadAllFiles());
        Assert.Contains("gpt-4o-mini", stored, StringComparison.Ordinal); // the search works: the model is there in clear
        foreach (var key in keys.Values)
        {
            Assert.DoesNotContain(key, stored, StringComparison.Ordinal);
            Assert.DoesNotContain(Host.Logs.Entries, l => l.Contains(key, StringComparison.Ordinal));
        }
    }

    /// <summary>The providers the organization's next voice call gets, as admission judges them.</summary>
    private async Task<VoiceProviderSettings> ProvidersOf(Tenant tenant) => (await Host.Send(new FindVoiceProviderProblems(tenant.OrganizationId))).Value.Providers;

    [Fact]
    public async Task TheKey_StaysWhenLeftOut_AndGoesWithAnEmptyOne()
    {
        var tenant = await Host.CreateTenantAsync();
        using var api = new ManagementApiClient(Host.BaseAddress, tenant.ApiKey);

        await Json(await api.PutAsync("/api/v1/organization/providers/tts", new { apiKey = "sk-org-tts-kept", voice = "nova" }), HttpStatusCode.OK);
        var kept = await Json(await api.PutAsync("/api/v1/organization/providers/tts", new { voice = "alloy" }), HttpStatusCode.OK);
        Assert.True(kept.GetProperty("apiKeySet").GetBoolean());
        Assert.Equal("sk-org-tts-kept", (await ProvidersOf(tenant)).TextToSpeech.ApiKey?.Value);
        Assert.Equal("alloy", (await ProvidersOf(tenant)).TextToSpeech.Voice);

        var removed = await Json(await api.PutAsync("/api/v1/organization/providers/tts", new { apiKey = "" }), HttpStatusCode.OK);
        Assert.False(removed.GetProperty("apiKeySet").GetBoolean());
        Assert.Null((await ProvidersOf(tenant)).TextToSpeech.ApiKey);
    }

    [Theory]
    [InlineData("llm", """{"voice": "nova"}""", "voice")]
    [InlineData("tts", """{"language": "en"}""", "language")]
    [InlineData("llm", """{"baseUrl": "ftp://models.internal/v1"}""", "baseUrl")]
    [InlineData("llm", """{"baseUrl": "https://user:pass@models.internal/v1"}""", "baseUrl")]
    [InlineData("stt", """{"provider": "deepgram"}""", "baseUrl")]
    [InlineData("stt", """{"provider": "whisperx", "baseUrl": "http://stt.internal"}""", "provider")]
    public async Task BadSettings_AreValidationProblems_NamingTheField(string stage, string body, string field)
    {
        var tenant = await Host.CreateTenantAsync();
        using var api = new ManagementApiClient(Host.BaseAddress, tenant.ApiKey);

        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"/api/v1/organization/providers/{stage}", UriKind.Relative))
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        var problem = await Json(await api.SendAsync(request), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.DoesNotContain("user:pass", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownStage_IsNotFound()
    {
        var tenant = await Host.CreateTenantAsync();
        using var api = new ManagementApiClient(Host.BaseAddress, tenant.ApiKey);

        Assert.Equal(HttpStatusCode.NotFound, (await api.PutAsync("/api/v1/organization/providers/vad", new { model = "x" })).StatusCode);
    }
}
