using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using CleanAgent.Application;
using CleanAgent.Application.Runs;
using CleanAgent.Infrastructure;
using CleanAgent.Web;
using CleanAgent.Web.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanAgent.Benchmarks.Runs;

/// <summary>
/// The run list (<c>GET /agents/{agentUuid}/runs</c>: the REST API's use case, through the server's mediator and
/// database threads) on SQLite with 1,000,000 runs for the agent: one page of 25 per filter and sort the contract
/// has, each invocation timed alone (Monitoring), reported with its P99.
/// </summary>
[Config(typeof(Config))]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 5, iterationCount: 100)]
public class RunListBenchmarks
{
    private ServiceProvider _services = null!;
    private UseCases _useCases = null!;
    private Guid _agent;

    [Params("newest", "page 400", "state=failed", "endReason=agent_ended", "from/to one day", "minDuration=590", "caller=5551234", "sort=-duration", "state=completed&sort=duration")]
    public string Query { get; set; } = "newest";

    [GlobalSetup]
    public void Setup()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = $"Data Source={RunDatabase.Million.FilePath}",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddApplication().AddInfrastructure(configuration).AddUseCases();
        _services = services.BuildServiceProvider();
        _useCases = _services.GetRequiredService<UseCases>();
        _agent = RunDatabase.Million.EnsureAsync(_services).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark]
    public async Task<int> OnePage()
    {
        var page = await _useCases.Send(Request(), CancellationToken.None);
        if (!page.IsSuccess || page.Value.Items.Count == 0) throw new InvalidOperationException($"{Query}: {page.Error?.Message ?? "no runs"}");
        return page.Value.Total;
    }

    private FindRuns Request() => Query switch
    {
        "newest" => new FindRuns(_agent),
        "page 400" => new FindRuns(_agent, Page: 400),
        "state=failed" => new FindRuns(_agent, State: "failed"),
        "endReason=agent_ended" => new FindRuns(_agent, EndReason: "agent_ended"),
        "from/to one day" => new FindRuns(_agent, From: new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc), To: new DateTime(2026, 10, 2, 0, 0, 0, DateTimeKind.Utc)),
        "minDuration=590" => new FindRuns(_agent, MinDuration: 590),
        "caller=5551234" => new FindRuns(_agent, Caller: "5551234"),
        "sort=-duration" => new FindRuns(_agent, Sort: "-duration"),
        "state=completed&sort=duration" => new FindRuns(_agent, State: "completed", Sort: "duration"),
        _ => throw new ArgumentOutOfRangeException(nameof(Query), Query, "Unknown query."),
    };

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(BenchmarkDotNet.Columns.StatisticColumn.P95, new P99Column());
        }
    }
}
