using CleanAgent.Domain.Agents;
using CleanAgent.Domain.Runs;
using CleanAgent.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.IntegrationTests.AgentStream;

/// <summary>
/// Admission refuses a voice call whose providers cannot work (voice-pipeline.md, the <c>provider_not_configured</c>
/// rule): a hosted service without its key closes <c>1011</c> naming the setting, before a call slot is taken, and
/// leaves a <c>failed</c>/<c>provider_not_configured</c> run. An on-prem server needs no key; echo agents need no
/// providers. Real sockets against the real host, each test on its own host with the settings it is about.
/// </summary>
public sealed class ProviderNotConfiguredTests : IAsyncLifetime
{
    private const string OpenAi = "https://api.openai.com/v1";

    private readonly SqliteTestDatabase _database = new();
    private readonly List<CleanAgentHost> _hosts = [];

    public ValueTask InitializeAsync() => _database.InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
        await _database.DisposeAsync();
    }

    private CleanAgentHost Host(params (string Key, string Value)[] settings)
    {
        var host = new CleanAgentHost(_database, settings: settings.ToDictionary(s => s.Key, s => s.Value));
        _hosts.Add(host);
        return host;
    }

    private static Task<List<WorkflowRun>> RunsOf(CleanAgentHost host, Tenant tenant) =>
        host.Query(db => db.WorkflowRuns.AsNoTracking().Where(r => r.AgentId == tenant.AgentId).ToListAsync());

    private static Task<int> SlotsOf(CleanAgentHost host, Tenant tenant) =>
        host.Query(db => db.CapacityReservations.CountAsync(r => r.OrganizationId == tenant.OrganizationId));

    [Fact]
    public async Task HostedLlmWithoutItsKey_IsRefused1011_NamingTheSetting_AndLeavesOneFailedRun_AndNoSlot()
    {
        var host = Host(("Voice:Llm:BaseUrl", OpenAi));
        var tenant = await host.CreateTenantAsync(concurrentCallLimit: 1);
        await using var client = await AgentStreamClient.ConnectAsync(host.BaseAddress, tenant);

        var (code, reason) = await client.ReceiveCloseAsync();

        Assert.Equal(1011, code);
        Assert.Equal("Voice:Llm:ApiKey is not set, and api.openai.com needs an API key.", reason);
        var run = Assert.Single(await RunsOf(host, tenant));
        Assert.Equal(WorkflowRunState.Failed, run.State);
        Assert.Equal(RunEndReason.ProviderNotConfigured, run.EndReason);
        Assert.Null(run.CapacityReservationId);
        Assert.Equal(0, await SlotsOf(host, tenant));
        Assert.Contains(host.Logs.Entries, l => l.Contains("voice providers are not configured", StringComparison.Ordinal) && l.Contains(run.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheRefusal_NamesOnlyTheMissingSetting_NeverAConfiguredKey()
    {
        const string sttKey = "sk-stt-0123456789-never-shown";
        const string ttsKey = "sk-tts-0123456789-never-shown";
        var host = Host(("Voice:Llm:BaseUrl", OpenAi), ("Voice:Stt:BaseUrl", OpenAi), ("Voice:Stt:ApiKey", sttKey),
            ("Voice:Tts:BaseUrl", OpenAi), ("Voice:Tts:ApiKey", ttsKey));
        var tenant = await host.CreateTenantAsync();
        await using var client = await AgentStreamClient.ConnectAsync(host.BaseAddress, tenant);

        var (code, reason) = await client.ReceiveCloseAsync();

        Assert.Equal(1011, code);
        Assert.Contains("Voice:Llm:ApiKey", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("Stt", reason, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs.Entries.Append(reason), l => l.Contains(sttKey, StringComparison.Ordinal) || l.Contains(ttsKey, StringComparison.Ordinal));
        Assert.DoesNotContain(sttKey, System.Text.Encoding.UTF8.GetString(_database.ReadAllFiles()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryHostedStageWithoutAKey_NamesEverySetting()
    {
        var host = Host(("Voice:Llm:BaseUrl", OpenAi), ("Voice:Stt:BaseUrl", OpenAi), ("Voice:Tts:BaseUrl", OpenAi));
        var tenant = await host.CreateTenantAsync();
        await using var client = await AgentStreamClient.ConnectAsync(host.BaseAddress, tenant);

        var (code, reason) = await client.ReceiveCloseAsync();

        Assert.Equal(1011, code);
        Assert.Equal("Voice providers are not configured: Voice:Stt:ApiKey, Voice:Llm:ApiKey, Voice:Tts:ApiKey.", reason);
        Assert.Equal(RunEndReason.ProviderNotConfigured, Assert.Single(await RunsOf(host, tenant)).EndReason);
    }

    [Fact]
    public async Task OnPremServersWithoutKeys_AreAdmitted()
    {
        await using var onPrem = await CleanAgent.CallSimulator.FakeProviders.FakeOpenAiApi.StartAsync();
        var url = onPrem.BaseUrl.AbsoluteUri;
        var host = Host(("Voice:Llm:BaseUrl", url), ("Voice:Stt:BaseUrl", url), ("Voice:Tts:BaseUrl", url));
        var tenant = await host.CreateTenantAsync(concurrentCallLimit: 1);
        await using var client = await AgentStreamClient.ConnectAsync(host.BaseAddress, tenant);

        await client.HandshakeAsync();
        await client.SendStopAsync();

        Assert.Equal(1000, (await client.ReceiveCloseAsync()).Code);
        var run = (await Eventually.Until(() => RunsOf(host, tenant), runs => runs.Count == 1 && runs[0].IsEnded)).Single();
        Assert.Equal(RunEndReason.UserHangup, run.EndReason);
    }

    [Fact]
    public async Task EchoAgents_AreNotChecked()
    {
        var host = Host(("Voice:Llm:BaseUrl", OpenAi), ("Voice:Stt:BaseUrl", OpenAi), ("Voice:Tts:BaseUrl", OpenAi));
        var tenant = await host.CreateTenantAsync(kind: AgentKind.Echo);
        await using var client = await AgentStreamClient.ConnectAsync(host.BaseAddress, tenant);

        await client.HandshakeAsync();
        await client.SendStopAsync();

        Assert.Equal(1000, (await client.ReceiveCloseAsync()).Code);
        var run = (await Eventually.Until(() => RunsOf(host, tenant), runs => runs.Count == 1 && runs[0].IsEnded)).Single();
        Assert.Equal(RunEndReason.UserHangup, run.EndReason);
    }
}
