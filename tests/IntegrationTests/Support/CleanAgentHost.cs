using CleanAgent.Application.Agents;
using CleanAgent.Application.ApiKeys;
using CleanAgent.Application.Calls;
using CleanAgent.Application.Common;
using CleanAgent.Application.Organizations;
using CleanAgent.Domain.Agents;
using CleanAgent.Infrastructure.Persistence;
using CleanAgent.Web.Common;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanAgent.IntegrationTests.Support;

/// <summary>The real CleanAgent host on Kestrel (a real port), on the given database, with every log line captured.</summary>
public sealed class CleanAgentHost : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database;
    private readonly TimeProvider? _clock;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly bool _realVoiceAgents;

    /// <param name="clock">The host's clock; null for real time (what media tests need: audio is paced by it).</param>
    /// <param name="services">Replaces services after the host's own registrations (e.g. a test agent).</param>
    /// <param name="realVoiceAgents">
    /// True: <c>voice</c> calls get the server's voice agent (the tests of the voice pipeline, with fake providers). False:
    /// they are held in silence (<see cref="HoldingVoiceAgentFactory"/>), for tests about everything else.
    /// </param>
    public CleanAgentHost(TestDatabase database, TimeProvider? clock = null, IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null, bool realVoiceAgents = false)
    {
        _realVoiceAgents = realVoiceAgents;
        _database = database;
        _clock = clock;
        _settings = settings ?? new Dictionary<string, string>();
        _services = services;
        UseKestrel(0);
        StartServer();
    }

    /// <summary>Where every voice stage points unless a test says otherwise: an on-prem server that needs no key.</summary>
    public const string OnPremProvider = "http://127.0.0.1:9/v1";

    public LogCapture Logs { get; } = new();

    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        // Kestrel listens where UseKestrel(0) says; the setting tells the server's port-in-use check there is nothing
        // to check (without it, hosts starting side by side would all probe the default port 5000 at once).
        builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        builder.UseSetting("Database:Provider", _database.Provider);
        builder.UseSetting("ConnectionStrings:Default", _database.ConnectionString);
        // Capture everything, at every level: the secrets test must see all the host would ever write.
        builder.UseSetting("Logging:LogLevel:Default", "Trace");
        builder.UseSetting("Logging:LogLevel:Microsoft", "Trace");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Trace");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Trace");
        // Admission refuses a voice agent whose providers cannot work, and the defaults (api.openai.com) want keys.
        // Tests not about providers get an on-prem address that needs none (nothing listens there; the holding agent
        // never calls out); tests about providers set their own.
        builder.UseSetting("Voice:Llm:BaseUrl", OnPremProvider);
        builder.UseSetting("Voice:Stt:BaseUrl", OnPremProvider);
        builder.UseSetting("Voice:Tts:BaseUrl", OnPremProvider);
        // A stopped test host ends its calls at once (a drain would wait for them); the drain tests set their own.
        builder.UseSetting("Server:DrainTimeout", "00:00:00");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);

        builder.ConfigureLogging(logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            if (_clock is not null) services.AddSingleton(_clock);
            if (!_realVoiceAgents)
            {
                var server = services.Last(d => d.ServiceType == typeof(ICallAgentFactory));
                services.AddSingleton<ICallAgentFactory>(provider => new HoldingVoiceAgentFactory(
                    (ICallAgentFactory)ActivatorUtilities.CreateInstance(provider, server.ImplementationType!)));
            }

            _services?.Invoke(services);
        });
    }

    /// <summary>A use case through the host's own mediator pipeline, one scope each (as the server sends them).</summary>
    public Task<TResponse> Send<TResponse>(ICommand<TResponse> command) => Services.GetRequiredService<UseCases>().Send(command, CancellationToken.None);

    public Task<TResponse> Send<TResponse>(IQuery<TResponse> query) => Services.GetRequiredService<UseCases>().Send(query, CancellationToken.None);

    /// <summary>Runs something against the database directly, for assertions on what the use cases stored.</summary>
    public async Task<T> Query<T>(Func<CleanAgentDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CleanAgentDbContext>());
    }

    /// <summary>An organization with a key and an agent, made through the same use cases as the admin CLI.</summary>
    public async Task<Tenant> CreateTenantAsync(int? concurrentCallLimit = null, bool publish = false, string? definitionJson = null, AgentKind kind = AgentKind.Voice, int? monthlyMinutes = null, string? configurationsJson = null)
    {
        var organizationId = (await Send(new CreateOrganization("Org " + Guid.NewGuid().ToString("N")[..6], concurrentCallLimit, monthlyMinutes))).Value;
        var key = (await Send(new CreateApiKey(organizationId, "test key"))).Value;
        var agent = (await Send(new CreateAgent(organizationId, "Receptionist", definitionJson, publish, kind, configurationsJson))).Value;
        return new Tenant(organizationId, key.Id, key.Key, agent.Id, agent.AgentUuid, agent.VersionId);
    }
}

public sealed record Tenant(Guid OrganizationId, Guid ApiKeyId, Secret ApiKey, Guid AgentId, Guid AgentUuid, Guid AgentVersionId);
