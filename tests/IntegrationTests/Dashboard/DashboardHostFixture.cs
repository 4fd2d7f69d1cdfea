using CleanAgent.Domain.Agents;
using CleanAgent.Infrastructure.Identity;
using CleanAgent.IntegrationTests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CleanAgent.IntegrationTests.Dashboard;

/// <summary>
/// The real host on real time with the fake Cloudonix API (calls are real WebSocket calls), an organization with a key
/// and a published echo agent, and its dashboard user, signed in once through the sign-in page: each test gets a
/// fresh browser context with that cookie.
/// </summary>
public sealed class DashboardHostFixture : MediaHostFixture
{
    public const string Email = "operator@acme.test";
    public const string Password = "a long enough passphrase";

    private readonly SemaphoreSlim _ready = new(1, 1);
    private Tenant? _tenant;
    private string? _signedIn;

    public Tenant Tenant => _tenant ?? throw new InvalidOperationException("Call ReadyAsync first.");

    /// <summary>The tenant and its user, made once; the signed-in cookies, taken once.</summary>
    public async Task ReadyAsync(Chromium chromium)
    {
        await _ready.WaitAsync();
        try
        {
            if (_signedIn is not null) return;
            _tenant = await Host.CreateTenantAsync(kind: AgentKind.Echo, publish: true);
            await using (var scope = Host.Services.CreateAsyncScope())
            {
                var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
                var created = await users.CreateAsync(new DashboardUser
                {
                    Id = Guid.CreateVersion7(), UserName = Email, Email = Email, OrganizationId = _tenant.OrganizationId, CreatedAt = DateTime.UtcNow,
                }, Password);
                Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
            }

            await using var context = await chromium.NewContextAsync(Host.BaseAddress);
            var page = await context.NewPageAsync();
            await page.GotoAsync("/sign-in");
            await page.FillAsync("#email", Email);
            await page.FillAsync("#password", Password);
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync(new Uri(Host.BaseAddress, "/").ToString());
            _signedIn = await context.StorageStateAsync();
        }
        finally
        {
            _ready.Release();
        }
    }

    /// <summary>A signed-in page in a context of its own.</summary>
    public async Task<(IBrowserContext Context, IPage Page)> SignedInAsync(Chromium chromium)
    {
        await ReadyAsync(chromium);
        var context = await chromium.NewContextAsync(Host.BaseAddress, _signedIn);
        return (context, await context.NewPageAsync());
    }
}
