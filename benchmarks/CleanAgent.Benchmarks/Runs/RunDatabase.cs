using CleanAgent.Application.Agents;
using CleanAgent.Application.Organizations;
using CleanAgent.Domain.Runs;
using CleanAgent.Infrastructure.Persistence;
using CleanAgent.Web.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAgent.Benchmarks.Runs;

/// <summary>
/// A SQLite file with one busy agent's runs (90 days of calls: three in four completed, varied callers and durations)
/// and a quiet agent's hundredth as many, made once and reused by every benchmark process (a million take minutes).
/// </summary>
internal sealed class RunDatabase(string fileName, int runs)
{
    /// <summary>The REST API's run list benchmark: 1,000,000 runs for the agent, 10,000 for another.</summary>
    public static RunDatabase Million { get; } = new("runlist-1m.db", 1_000_000);

    /// <summary>The dashboard's Runs tab benchmark: 100,000 runs for the agent, 1,000 for another.</summary>
    public static RunDatabase HundredThousand { get; } = new("runlist-100k.db", 100_000);

    public int Runs => runs;

    private int QuietAgentRuns => runs / 100;

    public string FilePath => Path.Combine(Path.GetTempPath(), "cleanagent-bench", fileName);

    /// <summary>The busy agent's UUID, in a file beside the database.</summary>
    private string AgentFile => FilePath + ".agent";

    public async Task<Guid> EnsureAsync(IServiceProvider services)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        // Also on a database made by an earlier build: a new index is built over the million rows it has.
        await services.GetRequiredService<DatabaseMigrator>().PrepareAsync(CancellationToken.None);
        if (File.Exists(AgentFile))
        {
            await RefreshStatisticsAsync("PRAGMA optimize;");
            return Guid.Parse(await File.ReadAllTextAsync(AgentFile));
        }

        var useCases = services.GetRequiredService<UseCases>();
        var organizationId = (await useCases.Send(new CreateOrganization("Bench", 1000, null), CancellationToken.None)).Value;
        var busy = (await useCases.Send(new CreateAgent(organizationId, "Busy", null, Publish: true), CancellationToken.None)).Value;
        var quiet = (await useCases.Send(new CreateAgent(organizationId, "Quiet", null, Publish: true), CancellationToken.None)).Value;

        var random = new Random(20261202);
        var start = new DateTime(2026, 9, 1, 0, 0, 0, DateTimeKind.Utc);
        var owner = Guid.NewGuid();
        var number = 0;
        foreach (var (agent, count) in new[] { (busy, Runs), (quiet, QuietAgentRuns) })
        {
            var spec = new PinnedVersion(organizationId, agent.Id, agent.VersionId);
            for (var batch = 0; batch < count; batch += 20_000)
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CleanAgentDbContext>();
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                for (var i = batch; i < Math.Min(count, batch + 20_000); i++)
                {
                    var createdAt = start.AddSeconds(i * (90.0 * 86400 / count));
                    var context = new Dictionary<string, string>
                    {
                        ["provider"] = "cloudonix",
                        [WorkflowRun.CallerNumberKey] = $"+1555{random.Next(0, 10_000_000):D7}",
                        [WorkflowRun.CalledNumberKey] = "+15550000000",
                    };
                    var run = WorkflowRun.Admit($"{WorkflowRun.NamePrefix}{number++:D8}", new RunSpec(spec, CallType.Inbound, CallMode.Of("cloudonix"), context),
                        Guid.NewGuid(), owner, createdAt);
                    var roll = random.NextDouble();
                    if (roll < 0.97) // 3 % still running or refused never ended: the newest few are live
                        run.End(roll < 0.75 ? RunEndReason.UserHangup : roll < 0.9 ? RunEndReason.AgentEnded : RunEndReason.ProviderError,
                            createdAt.AddSeconds(5 + random.NextDouble() * 595));
                    db.WorkflowRuns.Add(run);
                }

                await db.SaveChangesAsync();
            }
        }

        await RefreshStatisticsAsync("ANALYZE;"); // the planner's statistics, as a long-running database has them
        await File.WriteAllTextAsync(AgentFile, busy.AgentUuid.ToString());
        return busy.AgentUuid;
    }

    private async Task RefreshStatisticsAsync(string pragma)
    {
        await using var connection = new SqliteConnection($"Data Source={FilePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = pragma;
        await command.ExecuteNonQueryAsync();
    }
}
