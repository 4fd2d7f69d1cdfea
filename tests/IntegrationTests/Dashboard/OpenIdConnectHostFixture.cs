using CleanAgent.Domain.Agents;
using CleanAgent.Infrastructure.Identity;
using CleanAgent.IntegrationTests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAgent.IntegrationTests.Dashboard;

/// <summary>
/// The real host, its dashboard's single sign-on pointed at a <see cref="FakeOpenIdConnectProvider"/> (plain http on
/// loopback, hence <c>RequireHttpsMetadata=false</c>), on real time, with two organizations: Acme, whose accounts the
/// tests sign in to, and another one whose agent must never show.
/// </summary>
public class OpenIdConnectHostFixture() : HostFixture(new SqliteTestDatabase())
{
    public const string ClientId = "cleanagent-dashboard";
    public const string DisplayName = "Acme SSO";

    /// <summary>Signs in through single sign-on in the tests; linked to <see cref="OperatorSubject"/> once it has.</summary>
    public const string OperatorEmail = "operator@acme.test";
    public const string OperatorSubject = "acme-idp-subject-operator";

    /// <summary>Never linked: what a refused sign-in would have reached had it not been refused.</summary>
    public const string BystanderEmail = "bystander@acme.test";

    private readonly SemaphoreSlim _ready = new(1, 1);
    private FakeOpenIdConnectProvider? _provider;
    private Tenant? _acme;
    private Tenant? _other;

    /// <summary>Unique per run, so that the log check finds exactly this value if it ever leaked.</summary>
    public string ClientSecret { get; } = "oidc-client-secret-" + Guid.NewGuid().ToString("N");

    public FakeOpenIdConnectProvider Provider => _provider!;

    public Tenant Acme => _acme ?? throw new InvalidOperationException("Call ReadyAsync first.");

    public Tenant Other => _other ?? throw new InvalidOperationException("Call ReadyAsync first.");

    public Uri RedirectUri => new(Host.BaseAddress, "/signin-oidc");

    protected override TimeProvider? HostClock => null; // token lifetimes are checked against the real clock

    /// <summary>Single sign-on settings on top of the fixture's own.</summary>
    protected virtual IReadOnlyDictionary<string, string> MoreSettings => new Dictionary<string, string>();

    protected sealed override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(MoreSettings)
    {
        ["Dashboard:OpenIdConnect:Authority"] = Provider.Issuer,
        ["Dashboard:OpenIdConnect:ClientId"] = ClientId,
        ["Dashboard:OpenIdConnect:ClientSecret"] = ClientSecret,
        ["Dashboard:OpenIdConnect:DisplayName"] = DisplayName,
        ["Dashboard:OpenIdConnect:RequireHttpsMetadata"] = "false",
    };

    protected override async ValueTask StartDependenciesAsync() => _provider = await FakeOpenIdConnectProvider.StartAsync(ClientId, ClientSecret);

    protected override async ValueTask StopDependenciesAsync()
    {
        if (_provider is not null) await _provider.DisposeAsync();
    }

    /// <summary>The organizations and Acme's two accounts (no password: single sign-on needs none), made once; the redirect URI registered.</summary>
    public async Task ReadyAsync()
    {
        await _ready.WaitAsync();
        try
        {
            if (_acme is not null) return;
            Provider.RegisterRedirectUri(RedirectUri);
            var acme = await Host.CreateTenantAsync(kind: AgentKind.Echo, publish: true);
            _other = await Host.CreateTenantAsync(kind: AgentKind.Echo, publish: true);
            await using var scope = Host.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
            foreach (var email in new[] { OperatorEmail, BystanderEmail })
            {
                var created = await users.CreateAsync(new DashboardUser
                {
                    Id = Guid.CreateVersion7(), UserName = email, Email = email, OrganizationId = acme.OrganizationId, CreatedAt = DateTime.UtcNow,
                });
                Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
            }

            _acme = acme;
        }
        finally
        {
            _ready.Release();
        }
    }
}

/// <summary>The same, for a provider that never sends <c>email_verified</c>: <c>RequireVerifiedEmail=false</c>.</summary>
public sealed class OpenIdConnectUnverifiedEmailsHostFixture : OpenIdConnectHostFixture
{
    protected override IReadOnlyDictionary<string, string> MoreSettings => new Dictionary<string, string>
    {
        ["Dashboard:OpenIdConnect:RequireVerifiedEmail"] = "false",
    };
}
