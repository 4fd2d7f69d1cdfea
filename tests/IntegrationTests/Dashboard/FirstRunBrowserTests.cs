using CleanAgent.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CleanAgent.IntegrationTests.Dashboard;

/// <summary>
/// A fresh server in a real browser: <c>/</c> leads to the one-time set-up page, which makes the organization and the
/// owner and signs them in; sign-out; sign-in again with the keyboard only; the set-up page is gone.
/// </summary>
public sealed class FirstRunBrowserTests(SqliteHostFixture fixture, Chromium chromium) : IClassFixture<SqliteHostFixture>
{
    private const string Password = "first run passphrase";

    [Fact]
    public async Task FreshServer_SetUpOnce_SignOut_SignInByKeyboard()
    {
        var host = fixture.Host;
        await using var context = await chromium.NewContextAsync(host.BaseAddress);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        Assert.EndsWith("/set-up", page.Url, StringComparison.Ordinal);
        await PageChecks.ScreenshotsAndAccessibilityAsync(page, "set-up");

        await page.FillAsync("#organization", "Acme Support");
        await page.FillAsync("#email", "owner@acme.test");
        await page.FillAsync("#password", Password);
        await page.FillAsync("#confirm", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(host.BaseAddress.ToString());
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Agents");
        await Assertions.Expect(page.Locator(".who")).ToHaveTextAsync("owner@acme.test");
        var owner = await host.Query(db => db.Users.AsNoTracking().SingleAsync());
        Assert.Equal("Acme Support", (await host.Query(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Id == owner.OrganizationId))).Name);

        // Gone once used, even for the signed-in owner.
        Assert.Equal(404, (await page.GotoAsync("/set-up"))!.Status);

        await page.GotoAsync("/");
        await page.ClickAsync("text=Sign out");
        await page.WaitForURLAsync(new Uri(host.BaseAddress, "/sign-in").ToString());
        await page.GotoAsync("/organization");
        Assert.Contains("/sign-in", page.Url, StringComparison.Ordinal); // signed out: the page wants a sign-in
        await PageChecks.ScreenshotsAndAccessibilityAsync(page, "sign-in");

        // Keyboard only: the email field has the focus, Tab to the password, Enter submits.
        Assert.Equal("email", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.TypeAsync("owner@acme.test");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("password", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.TypeAsync(Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(new Uri(host.BaseAddress, "/organization").ToString());
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Acme Support");
    }
}
