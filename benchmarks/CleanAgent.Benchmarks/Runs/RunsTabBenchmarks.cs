using System.Net;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CleanAgent.Application;
using CleanAgent.Infrastructure;
using CleanAgent.Infrastructure.Identity;
using CleanAgent.Infrastructure.Persistence;
using CleanAgent.IntegrationTests.Support;
using CleanAgent.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanAgent.Benchmarks.Runs;

/// <summary>
/// The dashboard's Runs tab (<c>GET /agents/{agentUuid}/runs</c>, the whole HTML page) and its live update
/// (<c>?handler=rows</c>, what the page's script reads every 1.5 s) from the built server in its own process, as
/// operators run it (Kestrel, its own settings file, SQLite), with 100,000 runs for the agent and a signed-in
/// dashboard cookie taken through the sign-in page. Each request timed alone over loopback HTTP (Monitoring),
/// reported with its P95 and P99.
/// </summary>
[Config(typeof(Config))]
public partial class RunsTabBenchmarks
{
    private const string Email = "bench@acme.test";
    private const string Password = "a long enough bench passphrase";

    private RunningServer _server = null!;
    private HttpClient _client = null!;
    private string _path = null!;

    [Params("page: newest first", "page: state=completed&caller=5551", "page: page 3000", "rows: newest first (live update)")]
    public string Request { get; set; } = "page: newest first";

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        var database = RunDatabase.HundredThousand;
        var (agent, organization) = await SeedAsync(database);
        _path = Request switch
        {
            "page: newest first" => $"/agents/{agent}/runs",
            "page: state=completed&caller=5551" => $"/agents/{agent}/runs?state=completed&caller=5551",
            "page: page 3000" => $"/agents/{agent}/runs?page=3000",
            "rows: newest first (live update)" => $"/agents/{agent}/runs?handler=rows",
            _ => throw new ArgumentOutOfRangeException(nameof(Request), Request, "Unknown request."),
        };

        // The server as built, on its own settings file, pointed at the seeded database.
        var work = Path.GetDirectoryName(database.FilePath)!;
        _server = await RunningServer.StartAsync(ServerAssembly(), work, new Dictionary<string, string>
        {
            ["ConnectionStrings__Default"] = $"Data Source={database.FilePath}",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        });
        _client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = _server.BaseAddress,
        };
        await SignInAsync();

        // A server that has been up a while: its pages compiled and its hot paths jitted before the first measurement.
        for (var i = 0; i < 30; i++) await GetAsync();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark]
    public Task<int> Get() => GetAsync();

    private async Task<int> GetAsync()
    {
        using var response = await _client.GetAsync(_path);
        var body = await response.Content.ReadAsStringAsync();
        // A page with its rows (not the sign-in page, not "No runs match."), or the live update's JSON rows.
        var row = Request.StartsWith("rows", StringComparison.Ordinal) ? "\"href\":\"/runs/" : "<tr data-run-id=";
        if (response.StatusCode != HttpStatusCode.OK || !body.Contains(row, StringComparison.Ordinal))
            throw new InvalidOperationException($"{Request}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
        return body.Length;
    }

    /// <summary>The database (seeded once, then reused) and its dashboard user, made through Identity's user manager as <c>admin create-user</c> does.</summary>
    private static async Task<(Guid Agent, Guid Organization)> SeedAsync(RunDatabase database)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = $"Data Source={database.FilePath}",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddApplication().AddInfrastructure(configuration).AddUseCases();
        await using var provider = services.BuildServiceProvider();
        var agent = await database.EnsureAsync(provider);

        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CleanAgentDbContext>();
        var organization = await db.Agents.AsNoTracking().Where(a => a.Uuid == agent).Select(a => a.OrganizationId).SingleAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        if (await users.FindByEmailAsync(Email) is null)
        {
            var created = await users.CreateAsync(new DashboardUser
            {
                Id = Guid.CreateVersion7(), UserName = Email, Email = Email, OrganizationId = organization, CreatedAt = DateTime.UtcNow,
            }, Password);
            if (!created.Succeeded) throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        return (agent, organization);
    }

    /// <summary>Through the sign-in page, with its anti-forgery token: the cookie a browser gets.</summary>
    private async Task SignInAsync()
    {
        var form = await _client.GetStringAsync("/sign-in");
        var token = AntiforgeryToken().Match(form);
        if (!token.Success) throw new InvalidOperationException("The sign-in page has no anti-forgery token.");
        using var signIn = await _client.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = Email, ["Password"] = Password, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        }));
        if (signIn.StatusCode != HttpStatusCode.Redirect || signIn.Headers.Location?.OriginalString != "/")
            throw new InvalidOperationException($"Sign-in failed: {(int)signIn.StatusCode} {signIn.Headers.Location}");
    }

    /// <summary>The built CleanAgent.Web beside this benchmark, or the Release build of src/Web when it has no runtime settings here.</summary>
    private static string ServerAssembly()
    {
        var beside = typeof(global::Program).Assembly.Location;
        if (File.Exists(Path.ChangeExtension(beside, ".runtimeconfig.json"))) return beside;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var built = Path.Combine(dir.FullName, "src", "Web", "bin", "Release", "net10.0", "CleanAgent.Web.dll");
            if (File.Exists(built)) return built;
        }

        throw new InvalidOperationException("No CleanAgent.Web.dll with its runtime settings: build src/Web in Release.");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    /// <summary>
    /// Monitoring, 100 iterations of one request each. In process: what is measured runs in the server's own process
    /// anyway, and the client here needs no generated project (whose build of the whole tree outruns BenchmarkDotNet's
    /// two-minute build timeout on this machine).
    /// </summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(100)
                .WithToolchain(InProcessEmitToolchain.Instance));
            AddColumn(BenchmarkDotNet.Columns.StatisticColumn.P95, new P99Column());
        }
    }
}
