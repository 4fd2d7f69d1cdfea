using System.Text.Json;
using CleanAgent.Application.Quota;
using CleanAgent.Application.Runs;
using CleanAgent.Application.Runs.Journal;
using CleanAgent.Application.Voice;
using CleanAgent.Domain.Runs;
using CleanAgent.Infrastructure.Runs.Journal;
using CleanAgent.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAgent.IntegrationTests.Runs;

/// <summary>
/// What a run keeps, written as a call's agent writes it — through the host's <see cref="IRunJournalFactory"/> — into a
/// real SQLite database, and read back whole through <see cref="GetRun"/> and <c>admin get-run</c> (its own process).
/// </summary>
public sealed class RunJournalTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly SqliteTestDatabase _database = new();
    private CleanAgentHost? _host;

    private CleanAgentHost Host => _host!;

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        _host = new CleanAgentHost(_database, settings: new Dictionary<string, string> { ["Voice:Llm:ApiKey"] = LlmKey });
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    private const string LlmKey = "sk-journal-llm-key-0123456789";

    /// <summary>A run as admission leaves it: running, holding a call slot.</summary>
    private async Task<StartedRun> StartRunAsync(Tenant tenant)
    {
        var slot = (await Host.Send(new CheckQuota(tenant.OrganizationId))).Value;
        var spec = new RunSpec(new PinnedVersion(tenant.OrganizationId, tenant.AgentId, tenant.AgentVersionId), CallType.Inbound, CallMode.Of("cloudonix"),
            new Dictionary<string, string> { ["caller_number"] = "+15550001111" });
        return (await Host.Send(new StartWorkflowRun(spec, slot.ReservationId))).Value;
    }

    private IRunJournal Open(StartedRun run) => Host.Services.GetRequiredService<IRunJournalFactory>().Open(run.RunId, run.Name);

    private static void RecordACall(IRunJournal journal)
    {
        journal.RecordNodeEntered(new NodeVisit("start", "Greeting", TimeSpan.Zero));
        journal.RecordTurn(new TranscriptTurn(Speaker.Agent, "Hi, this is Acme. How can I help?", TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(2400), false, "start"));
        journal.RecordUsage(new ProviderUsage(VoiceStage.TextToSpeech, "api.openai.com", "tts-1", Characters: 33, AudioSeconds: 2.2));
        journal.RecordTurn(new TranscriptTurn(Speaker.Caller, "I have a question about invoice 42.", TimeSpan.FromMilliseconds(3000), TimeSpan.FromMilliseconds(5100), false, "start"));
        journal.RecordUsage(new ProviderUsage(VoiceStage.SpeechToText, "api.openai.com", "whisper-1", AudioSeconds: 2.1));
        journal.RecordUsage(new ProviderUsage(VoiceStage.Llm, "api.openai.com", "gpt-4o-mini", PromptTokens: 400, CompletionTokens: 20));
        journal.RecordNodeEntered(new NodeVisit("billing", "Billing", TimeSpan.FromMilliseconds(5900)));
        journal.RecordTurn(new TranscriptTurn(Speaker.Agent, "Sure, let me look", TimeSpan.FromMilliseconds(6000), TimeSpan.FromMilliseconds(6800), true, "billing"));
        journal.RecordLatency(new TurnLatency(2, TimeSpan.FromMilliseconds(900), TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(420), TimeSpan.FromMilliseconds(180), TimeSpan.FromMilliseconds(150)));
        journal.RecordUsage(new ProviderUsage(VoiceStage.Llm, "api.openai.com", "gpt-4o-mini", PromptTokens: 450, CompletionTokens: 30));
        journal.RecordGathered(new Dictionary<string, string> { ["invoice_number"] = "42" });
        journal.RecordTurn(new TranscriptTurn(Speaker.Caller, new string('x', 10_000), TimeSpan.FromMilliseconds(7000), TimeSpan.FromMilliseconds(9000), false, "billing"));
        journal.RecordRecording("data/recordings/run.wav");
    }

    [Fact]
    public async Task RecordsWrittenThroughTheJournal_AreReadBackWhole_InOrder_ByGetRun()
    {
        var tenant = await Host.CreateTenantAsync();
        var run = await StartRunAsync(tenant);
        await using (var journal = Open(run))
        {
            RecordACall(journal);
            await journal.FlushAsync(CancellationToken.None).WaitAsync(Bound);
        }

        var details = (await Host.Send(new GetRun(run.Name))).Value;

        Assert.Equal((run.RunId, run.Name, tenant.AgentUuid, 1, "running", "cloudonix"), (details.Id, details.Name, details.AgentUuid, details.AgentVersion, details.State, details.Mode));
        Assert.Equal(["agent", "caller", "agent", "caller"], details.Transcript.Select(t => t.Speaker));
        Assert.Equal([0, 1, 2, 3], details.Transcript.Select(t => t.Sequence));
        Assert.Equal(new TranscriptTurnDetails(2, "agent", "Sure, let me look", 6000, 6800, Interrupted: true, Truncated: false, "billing"), details.Transcript[2]);
        Assert.Equal(8 * 1024, details.Transcript[3].Text.Length);
        Assert.True(details.Transcript[3].Truncated);
        Assert.Equal([new NodeVisitDetails(0, "start", "Greeting", 0), new NodeVisitDetails(1, "billing", "Billing", 5900)], details.NodesVisited);
        Assert.Equal("42", details.GatheredContext["invoice_number"]);
        Assert.Equal("+15550001111", details.InitialContext["caller_number"]);
        Assert.Equal(new TurnLatencyDetails(0, 2, 900, 150, 420, 180, 150), Assert.Single(details.Latency));
        Assert.Equal(2.1, details.Usage.CallerAudioSeconds, precision: 6);
        Assert.Equal(2.2, details.Usage.AgentAudioSeconds, precision: 6);
        Assert.Equal(
            [new ProviderUsageDetails("llm", "api.openai.com", "gpt-4o-mini", 850, 50, 0, 0), new ProviderUsageDetails("stt", "api.openai.com", "whisper-1", 0, 0, 0, 2.1),
                new ProviderUsageDetails("tts", "api.openai.com", "tts-1", 0, 0, 33, 2.2)],
            details.Usage.Providers);
        Assert.Equal("data/recordings/run.wav", details.RecordingPath);
    }

    [Fact]
    public async Task AfterAFlush_TheRecordsOutliveTheServer_AndAdminGetRunPrintsThemInOrder_ByIdOrName()
    {
        var tenant = await Host.CreateTenantAsync();
        var run = await StartRunAsync(tenant);
        var journal = Open(run);
        RecordACall(journal);
        await journal.FlushAsync(CancellationToken.None).WaitAsync(Bound);
        await _host!.DisposeAsync(); // the server goes away right after the flush; nothing was left in memory to save
        _host = null;
        await journal.DisposeAsync();

        var byName = await AdminGetRun(run.Name);
        var byId = await AdminGetRun(run.RunId.ToString());

        Assert.Equal(byName.RootElement.GetRawText(), byId.RootElement.GetRawText());
        var root = byName.RootElement;
        foreach (var field in new[] { "id", "name", "state", "endReason", "callType", "mode", "initialContext", "gatheredContext", "createdAt", "startedAt", "endedAt", "durationSeconds",
                     "agentUuid", "agentVersion", "recordingPath", "transcript", "nodesVisited", "usage", "latency" })
            Assert.True(root.TryGetProperty(field, out _), $"get-run has no '{field}': {root}");
        Assert.Equal(run.Name, root.GetProperty("name").GetString());
        Assert.Equal([0, 1, 2, 3], root.GetProperty("transcript").EnumerateArray().Select(t => t.GetProperty("sequence").GetInt32()));
        Assert.Equal("Hi, this is Acme. How can I help?", root.GetProperty("transcript")[0].GetProperty("text").GetString());
        Assert.Equal("caller", root.GetProperty("transcript")[1].GetProperty("speaker").GetString());
        Assert.Equal(["start", "billing"], root.GetProperty("nodesVisited").EnumerateArray().Select(n => n.GetProperty("nodeId").GetString()));
        Assert.Equal("42", root.GetProperty("gatheredContext").GetProperty("invoice_number").GetString());
        Assert.Equal(850, root.GetProperty("usage").GetProperty("providers")[0].GetProperty("promptTokens").GetInt64());
        Assert.Equal(900, root.GetProperty("latency")[0].GetProperty("totalMs").GetInt32());
        Assert.Equal("data/recordings/run.wav", root.GetProperty("recordingPath").GetString());
    }

    [Fact]
    public async Task AFlood_IsBounded_AndWhatIsSavedIsInTheOrderRecorded()
    {
        var tenant = await Host.CreateTenantAsync();
        var run = await StartRunAsync(tenant);
        const int recorded = 20_000;
        long dropped;
        await using (var journal = Open(run))
        {
            var concrete = Assert.IsType<RunJournal>(journal);
            var mostQueued = 0;
            for (var i = 0; i < recorded; i++)
            {
                journal.RecordTurn(new TranscriptTurn(Speaker.Caller, $"turn {i}", TimeSpan.FromMilliseconds(i), TimeSpan.FromMilliseconds(i + 1), false, null));
                mostQueued = Math.Max(mostQueued, concrete.Queued);
            }

            await journal.FlushAsync(CancellationToken.None).WaitAsync(Bound);
            dropped = concrete.Dropped;
            Assert.True(mostQueued <= RunJournalLimits.Default.MaxRecords, $"{mostQueued} records were queued at once");
            Assert.Equal(0, concrete.Failed);
        }

        var sequences = await Host.Query(db => db.RunTranscriptTurns.AsNoTracking().Where(t => t.RunId == run.RunId).OrderBy(t => t.Sequence)
            .Select(t => new { t.Sequence, t.Text }).ToListAsync());
        Assert.True(dropped > 0, "20,000 records recorded at once were all queued: the queue is not bounded");
        Assert.Equal(recorded - dropped, sequences.Count);
        Assert.All(sequences, s => Assert.Equal($"turn {s.Sequence}", s.Text)); // each at its own place
        Assert.Equal(0, sequences[0].Sequence); // the first records fit; the flood's tail is what is dropped
        Assert.Contains(Host.Logs.Entries, l => l.Contains("queue is full", StringComparison.Ordinal) && l.Contains(run.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GatheringAfterTheRunEnded_IsRefused_AndTheRecordsAfterItAreStillSaved()
    {
        var tenant = await Host.CreateTenantAsync();
        var run = await StartRunAsync(tenant);
        Assert.True((await Host.Send(new EndWorkflowRun(run.RunId, RunEndReason.AgentEnded))).IsSuccess);
        await using var journal = Open(run);

        journal.RecordGathered(new Dictionary<string, string> { ["late"] = "value" });
        journal.RecordTurn(new TranscriptTurn(Speaker.Agent, "Goodbye.", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(31), false, "end"));
        await journal.FlushAsync(CancellationToken.None).WaitAsync(Bound);

        var details = (await Host.Send(new GetRun(run.RunId.ToString()))).Value;
        Assert.Empty(details.GatheredContext);
        Assert.Equal("Goodbye.", Assert.Single(details.Transcript).Text);
        Assert.Equal(1, Assert.IsType<RunJournal>(journal).Failed);
    }

    [Fact]
    public async Task GetRun_ScopedToAnotherOrganization_IsNotFound_LikeAMissingRun()
    {
        var mine = await Host.CreateTenantAsync();
        var theirs = await Host.CreateTenantAsync();
        var run = await StartRunAsync(mine);

        var foreign = await Host.Send(new GetRun(run.Name, theirs.OrganizationId));
        var missing = await Host.Send(new GetRun("WR-AGS-99999999", theirs.OrganizationId));
        var own = await Host.Send(new GetRun(run.Name, mine.OrganizationId));

        Assert.Equal(Application.Common.ErrorKind.NotFound, foreign.Error?.Kind);
        Assert.Equal(missing.Error?.Kind, foreign.Error?.Kind);
        Assert.True(own.IsSuccess);
    }

    [Fact]
    public async Task NothingSecret_IsStored()
    {
        var tenant = await Host.CreateTenantAsync();
        var run = await StartRunAsync(tenant);
        await using (var journal = Open(run))
        {
            RecordACall(journal);
            journal.RecordUsage(new ProviderUsage(VoiceStage.Llm, $"user:{LlmKey}@api.openai.com", "gpt-4o-mini", PromptTokens: 1)); // refused: not a host
            await journal.FlushAsync(CancellationToken.None).WaitAsync(Bound);
            Assert.Equal(1, Assert.IsType<RunJournal>(journal).Failed);
        }

        Assert.DoesNotContain(LlmKey, System.Text.Encoding.UTF8.GetString(_database.ReadAllFiles()), StringComparison.Ordinal);
        Assert.DoesNotContain(Host.Logs.Entries, l => l.Contains(LlmKey, StringComparison.Ordinal));
    }

    private async Task<JsonDocument> AdminGetRun(string id)
    {
        var (exit, stdout, stderr) = await ServerProcess.RunAsync(_database.Folder, new Dictionary<string, string>
        {
            ["Database__Provider"] = _database.Provider,
            ["ConnectionStrings__Default"] = _database.ConnectionString,
        }, "admin", "get-run", "--id", id);
        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        return JsonDocument.Parse(stdout);
    }
}
