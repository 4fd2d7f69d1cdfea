using System.Net;
using CleanAgent.Infrastructure.Identity;
using CleanAgent.IntegrationTests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAgent.IntegrationTests.Dashboard;

/// <summary>Single sign-on is off unless configured: no button, and none of its routes answer.</summary>
public sealed class OpenIdConnectNotConfiguredTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    [Fact]
    public async Task WithoutSettings_TheSignInPageHasNoSingleSignOn_AndItsRoutesAreNotFound()
    {
        var host = fixture.Host;
        // An account exists, so that /sign-in is the sign-in page (not the first start's set-up page).
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>().CreateAsync(new DashboardUser
            {
                Id = Guid.CreateVersion7(), UserName = "owner@acme.test", Email = "owner@acme.test",
                OrganizationId = (await host.CreateTenantAsync()).OrganizationId, CreatedAt = DateTime.UtcNow,
            });
            Assert.True(created.Succeeded);
        }

        using var browser = new DashboardHttpClient(host.BaseAddress);
        var page = await browser.PageAsync("/sign-in");
        Assert.Contains("<h1>Sign in</h1>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign in with", page, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=SingleSignOn", page, StringComparison.Ordinal);

        var pressed = await browser.PostFormAsync("/sign-in", new Dictionary<string, string>(), action: "/sign-in?handler=SingleSignOn");
        Assert.Equal(HttpStatusCode.NotFound, pressed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/sign-in/sso")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/signin-oidc?code=x&state=y")).StatusCode);
    }
}
