using System.Net;
using CleanAgent.Web.Dashboard.SingleSignOn;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CleanAgent.IntegrationTests.Dashboard;

/// <summary>
/// The dashboard's single sign-on against a real OpenID Connect provider on loopback (<see cref="FakeOpenIdConnectProvider"/>):
/// the code flow with PKCE through the host's own handler, into an existing account only (by verified email the first
/// time, by issuer and subject after), refusals in words on the sign-in page, nothing made, and forged tokens refused.
/// </summary>
public sealed class OpenIdConnectSignInTests(OpenIdConnectHostFixture fixture, Chromium chromium) : IClassFixture<OpenIdConnectHostFixture>
{
    [Fact]
    public async Task KnownUser_SignsInThroughTheProvider_InABrowser_AndSeesTheirOrganizationsAgents()
    {
        await fixture.ReadyAsync();
        var host = fixture.Host;
        // The provider's spelling of the email differs in case from the account's: emails match case-insensitively.
        fixture.Provider.NextSignIn = new FakeIdentity(OpenIdConnectHostFixture.OperatorSubject, "Operator@ACME.test");
        await using var context = await chromium.NewContextAsync(host.BaseAddress);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/sign-in");
        var button = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = $"Sign in with {OpenIdConnectHostFixture.DisplayName}" });
        await Assertions.Expect(button).ToBeVisibleAsync();
        await PageChecks.ScreenshotsAndAccessibilityAsync(page, "sign-in-sso");
        await button.ClickAsync();

        await page.WaitForURLAsync(host.BaseAddress.ToString());
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Agents");
        await Assertions.Expect(page.Locator(".who")).ToHaveTextAsync(OpenIdConnectHostFixture.OperatorEmail);
        await Assertions.Expect(page.Locator($"a[href='/agents/{fixture.Acme.AgentUuid}']")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator($"a[href='/agents/{fixture.Other.AgentUuid}']").CountAsync());

        // The provider saw the code flow it expects: the registered redirect URI, the three scopes, a PKCE verifier that matched.
        var exchange = fixture.Provider.Exchanges.Last();
        Assert.Equal(fixture.RedirectUri.ToString(), exchange.RedirectUri);
        Assert.Equal(["email", "openid", "profile"], exchange.Scope.Split(' ').Order());
        Assert.True(exchange.PkceVerified);

        // Linked by the provider's issuer and subject; the external cookie is gone, the application cookie stays.
        var login = await host.Query(db => db.UserLogins.AsNoTracking().SingleAsync(l => l.ProviderKey == OpenIdConnectHostFixture.OperatorSubject));
        Assert.Equal(fixture.Provider.Issuer, login.LoginProvider);
        Assert.Equal(await UserIdAsync(OpenIdConnectHostFixture.OperatorEmail), login.UserId);
        var cookies = (await context.CookiesAsync()).Select(c => c.Name).ToList();
        Assert.Contains("CleanAgent.Dashboard", cookies);
        Assert.DoesNotContain(SingleSignOnRegistration.ExternalCookieName, cookies);

        // Sign-out is the same as for a password sign-in.
        await page.ClickAsync("text=Sign out");
        await page.WaitForURLAsync(new Uri(host.BaseAddress, "/sign-in").ToString());
        await page.GotoAsync("/organization");
        Assert.Contains("/sign-in", page.Url, StringComparison.Ordinal);

        AssertNoCredentialInTheLog();
    }

    [Fact]
    public async Task LinkedAccount_LaterSignInsMatchTheSubject_NotTheEmail_AndAnotherSubjectWithItsEmailIsRefused()
    {
        await fixture.ReadyAsync();
        Assert.Equal("/", await SignInAsync(new FakeIdentity(OpenIdConnectHostFixture.OperatorSubject, OpenIdConnectHostFixture.OperatorEmail)));

        // The same subject with another (even unverified) email at the provider: still the linked account.
        using (var browser = new DashboardHttpClient(fixture.Host.BaseAddress))
        {
            Assert.Equal("/", await SignInAsync(new FakeIdentity(OpenIdConnectHostFixture.OperatorSubject, "renamed@elsewhere.test", EmailVerified: false), browser));
            Assert.Contains(OpenIdConnectHostFixture.OperatorEmail, await browser.PageAsync("/"), StringComparison.Ordinal);
        }

        // Another person at the provider who was given the operator's email: not let into the operator's account.
        var refused = await SignInAsync(new FakeIdentity("acme-idp-subject-newcomer", OpenIdConnectHostFixture.OperatorEmail));
        Assert.Equal(SingleSignOnOutcomes.SignInPageFor(SingleSignOnOutcome.LinkedToAnotherIdentity), refused);
        Assert.Equal(0, await fixture.Host.Query(db => db.UserLogins.CountAsync(l => l.ProviderKey == "acme-idp-subject-newcomer")));
    }

    [Fact]
    public async Task UnknownEmail_IsRefusedInWords_AndMakesNoAccount()
    {
        await fixture.ReadyAsync();
        var (users, logins, organizations) = await CountsAsync();
        using var browser = new DashboardHttpClient(fixture.Host.BaseAddress);

        var landed = await SignInAsync(new FakeIdentity("acme-idp-subject-stranger", "stranger@acme.test"), browser);

        Assert.Equal(SingleSignOnOutcomes.SignInPageFor(SingleSignOnOutcome.UnknownEmail), landed);
        Assert.Contains("No dashboard account has the email address your identity provider sent", await browser.PageAsync(landed), StringComparison.Ordinal);
        Assert.Equal((users, logins, organizations), await CountsAsync());
        await AssertSignedOutAsync(browser);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(null)] // no email_verified claim at all: not verified either, by default
    public async Task UnverifiedEmail_IsRefused_AndTheAccountIsNotLinked(bool? emailVerified)
    {
        await fixture.ReadyAsync();
        using var browser = new DashboardHttpClient(fixture.Host.BaseAddress);

        var landed = await SignInAsync(new FakeIdentity("acme-idp-subject-unverified", OpenIdConnectHostFixture.BystanderEmail, emailVerified), browser);

        Assert.Equal(SingleSignOnOutcomes.SignInPageFor(SingleSignOnOutcome.EmailNotVerified), landed);
        Assert.Contains("has not verified your email address", await browser.PageAsync(landed), StringComparison.Ordinal);
        await AssertBystanderUntouchedAsync(browser);
    }

    [Theory]
    [InlineData(IdTokenFault.SignedByAnotherKey)]
    [InlineData(IdTokenFault.PayloadAlteredAfterSigning)]
    [InlineData(IdTokenFault.NoSignature)]
    public async Task ForgedIdToken_IsRefused(IdTokenFault fault)
    {
        await fixture.ReadyAsync();
        using var browser = new DashboardHttpClient(fixture.Host.BaseAddress);

        // A token that, were it believed, would sign in as an existing account with a verified email.
        var landed = await SignInAsync(new FakeIdentity("acme-idp-subject-forged-" + fault, OpenIdConnectHostFixture.BystanderEmail, Fault: fault), browser);

        Assert.Equal(SingleSignOnOutcomes.SignInPageFor(SingleSignOnOutcome.ProviderAnswerRefused), landed);
        Assert.Contains("answer could not be verified", await browser.PageAsync(landed), StringComparison.Ordinal);
        await AssertBystanderUntouchedAsync(browser);
        Assert.Contains(fixture.Host.Logs.Entries, l => l.Contains("Single sign-on failed at the OpenID Connect callback", StringComparison.Ordinal));
        AssertNoCredentialInTheLog(); // the validation errors name no token
    }

    [Fact]
    public async Task SingleSignOnButton_WithoutItsAntiForgeryToken_IsRefused()
    {
        await fixture.ReadyAsync();
        using var browser = new DashboardHttpClient(fixture.Host.BaseAddress);
        var exchanges = fixture.Provider.Exchanges.Count;

        var forged = await browser.PostFormAsync("/sign-in", new Dictionary<string, string>(), action: "/sign-in?handler=SingleSignOn", withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Null(forged.Headers.Location); // not sent to the provider
        Assert.Equal(exchanges, fixture.Provider.Exchanges.Count);
    }

    [Fact]
    public async Task SignInPage_WithoutAnAnswer_SaysSo_AndAnOutcomeNameIsAllALinkCanChoose()
    {
        await fixture.ReadyAsync();
        using var browser = new DashboardHttpClient(fixture.Host.BaseAddress);

        // The callback page opened directly, with no validated answer behind it.
        var direct = await browser.GetAsync("/sign-in/sso");
        Assert.Equal(SingleSignOnOutcomes.SignInPageFor(SingleSignOnOutcome.NoAnswer), direct.Headers.Location?.OriginalString);

        var forged = await browser.PageAsync("/sign-in?sso=" + Uri.EscapeDataString("<b>Call +1 555 0100</b>"));
        Assert.DoesNotContain("555 0100", forged, StringComparison.Ordinal);
        Assert.DoesNotContain("role=\"alert\"", forged, StringComparison.Ordinal);
    }

    private Task<string> SignInAsync(FakeIdentity identity, DashboardHttpClient? browser = null) => OpenIdConnectSignIn.FollowAsync(fixture, identity, browser);

    /// <summary>Nothing that would let someone sign in, or call the provider as the dashboard, is in the host's log (at every level).</summary>
    private void AssertNoCredentialInTheLog()
    {
        var logs = fixture.Host.Logs.Entries.ToList();
        foreach (var secret in fixture.Provider.Credentials.Append(fixture.ClientSecret))
            Assert.DoesNotContain(logs, l => l.Contains(secret, StringComparison.Ordinal));
    }

    private static async Task AssertSignedOutAsync(DashboardHttpClient browser)
    {
        var root = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/sign-in", new Uri(browser.BaseAddress, root.Headers.Location!).AbsolutePath);
    }

    private async Task AssertBystanderUntouchedAsync(DashboardHttpClient browser)
    {
        await AssertSignedOutAsync(browser);
        var bystander = await UserIdAsync(OpenIdConnectHostFixture.BystanderEmail);
        Assert.Equal(0, await fixture.Host.Query(db => db.UserLogins.CountAsync(l => l.UserId == bystander)));
    }

    private Task<Guid> UserIdAsync(string email)
    {
        var normalized = email.ToUpperInvariant(); // Identity's normalization
        return fixture.Host.Query(db => db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).SingleAsync());
    }

    private async Task<(int Users, int Logins, int Organizations)> CountsAsync() => (
        await fixture.Host.Query(db => db.Users.CountAsync()),
        await fixture.Host.Query(db => db.UserLogins.CountAsync()),
        await fixture.Host.Query(db => db.Organizations.CountAsync()));
}
