using CleanAgent.Application.Runs;
using CleanAgent.Application.Runs.Journal;
using CleanAgent.Domain.Runs;
using CleanAgent.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace CleanAgent.IntegrationTests.Runs;

/// <summary>
/// <c>Retention:*</c> on a real host whose clock the test drives: a run's recording (file and link) goes after
/// <c>Recordings</c>, its transcript after <c>Transcripts</c>, the run itself with all it kept after <c>Runs</c>,
/// each counted from the run's end; younger runs stay.
/// </summary>
public sealed class RetentionTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
    private CleanAgentHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        _host = new CleanAgentHost(_database, _clock, new Dictionary<string, string>
        {
            // The shortest periods allowed: the host's clock is advanced through them (every timer of the host fires
            // on the way, so days of fake time would cost minutes of real time).
            ["Retention:Recordings"] = "01:00:00",
            ["Retention:Transcripts"] = "02:00:00",
            ["Retention:Runs"] = "03:00:00",
            ["Retention:Interval"] = "00:01:00",
            ["Retention:BatchSize"] = "2", // several batches for the runs below
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Recordings_ThenTranscripts_ThenRuns_GoAtTheirAge_AndYoungerRunsStay()
    {
        var tenant = await _host.CreateTenantAsync();
        var old = new List<StartedRun>();
        for (var i = 0; i < 5; i++) old.Add(await EndedRunWithTranscriptAndRecordingAsync(tenant, i));

        _clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(2));
        await Eventually.Until(() => _host.Query(db => db.WorkflowRuns.CountAsync(r => r.RecordingPath != null)), n => n == 0);
        Assert.All(old, run => Assert.False(File.Exists(RecordingOf(run)), "the recording's file outlived its retention"));
        Assert.Equal(5, await _host.Query(db => db.RunTranscriptTurns.CountAsync()));

        _clock.Advance(TimeSpan.FromHours(1));
        await Eventually.Until(() => _host.Query(db => db.RunTranscriptTurns.CountAsync()), n => n == 0);
        Assert.Equal(5, await _host.Query(db => db.WorkflowRuns.CountAsync()));

        var young = await EndedRunWithTranscriptAndRecordingAsync(tenant, 99);
        _clock.Advance(TimeSpan.FromMinutes(2)); // one sweep: the young run's recording is minutes from its end, kept
        await Eventually.Until(() => _host.Query(db => db.WorkflowRuns.CountAsync(r => r.RecordingPath != null)), n => n == 1);
        Assert.True(File.Exists(RecordingOf(young)), "a young run's recording was removed");
        _clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(2));
        await Eventually.Until(() => _host.Query(db => db.WorkflowRuns.CountAsync()), n => n == 1);

        // The young run (ended an hour ago) stays with its transcript; older than Recordings, it has lost its recording.
        var kept = await _host.Query(db => db.WorkflowRuns.AsNoTracking().SingleAsync());
        Assert.Equal(young.RunId, kept.Id);
        Assert.Null(kept.RecordingPath);
        Assert.False(File.Exists(RecordingOf(young)));
        Assert.Equal(1, await _host.Query(db => db.RunTranscriptTurns.CountAsync(t => t.RunId == young.RunId)));
    }

    [Fact]
    public async Task SweepsRunningAtOnce_AsTwoNodesWouldOnOneDatabase_AllSucceed_AndLeaveNothingDue()
    {
        var tenant = await _host.CreateTenantAsync();
        for (var i = 0; i < 9; i++) await EndedRunWithTranscriptAndRecordingAsync(tenant, i);
        var cutoff = _clock.GetUtcNow().UtcDateTime.AddMinutes(1); // everything so far is due

        var sweeps = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            _host.Send(new ApplyRetention(cutoff, cutoff, cutoff, BatchSize: 2))));

        Assert.All(sweeps, sweep => Assert.True(sweep.IsSuccess, sweep.Error?.Message));
        Assert.Equal(0, await _host.Query(db => db.WorkflowRuns.CountAsync()));
        Assert.Equal(0, await _host.Query(db => db.RunTranscriptTurns.CountAsync()));
        Assert.Empty(Directory.GetFiles(_database.Folder, "*.wav"));
    }

    private async Task<StartedRun> EndedRunWithTranscriptAndRecordingAsync(Tenant tenant, int n)
    {
        var spec = new RunSpec(new PinnedVersion(tenant.OrganizationId, tenant.AgentId, tenant.AgentVersionId), CallType.Inbound, CallMode.Of("cloudonix"),
            new Dictionary<string, string> { ["provider"] = "cloudonix" });
        var run = (await _host.Send(new RecordRefusedRun(spec, RunEndReason.QuotaExceeded))).Value;
        Assert.True((await _host.Send(new AppendTranscriptTurn(run.RunId, 0, Speaker.Caller, $"turn {n}", TimeSpan.Zero, TimeSpan.FromSeconds(1), false, "start"))).IsSuccess);
        var file = RecordingOf(run);
        await File.WriteAllBytesAsync(file, new byte[64]);
        Assert.True((await _host.Send(new AttachRecording(run.RunId, file))).IsSuccess);
        return run;
    }

    private string RecordingOf(StartedRun run) => Path.Combine(_database.Folder, $"{run.Name}.wav");
}
