using System.Net;
using CleanAgent.IntegrationTests.Support;
using CleanAgent.Web.Admin;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.IntegrationTests.Dashboard;

/// <summary>
/// The dashboard's accounts over HTTP on a real host and a fresh SQLite file: the first start's one-time set-up, the
/// sign-in cookie's flags, sign-out, <c>admin create-user</c>'s one-time link, anti-forgery, and the REST API's own scheme
/// left as it was (a dashboard cookie is no API key).
/// </summary>
public sealed class DashboardSignInTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task FirstStart_SetUpMakesTheOwnerOnce_ThenSignInAndOut_AndCreateUserLinksWorkOnce()
    {
        var host = fixture.Host;
        using var browser = new DashboardHttpClient(host.BaseAddress);

        // No account yet: / goes to sign-in, which sends a fresh server to the set-up page.
        var root = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.StartsWith("/sign-in", Where(root), StringComparison.Ordinal);
        var signInPage = await browser.GetAsync(Where(root));
        Assert.Equal("/set-up", Where(signInPage));

        // A form without its anti-forgery token is refused, and makes nothing.
        var forged = await browser.PostFormAsync("/set-up", SetUpFields("Acme", "owner@acme.test"), withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(0, await host.Query(db => db.Users.CountAsync()));

        // A short password is refused with Identity's words, and leaves no organization behind.
        var organizationsBefore = await host.Query(db => db.Organizations.CountAsync());
        var weak = await browser.PostFormAsync("/set-up", new Dictionary<string, string>(SetUpFields("Acme", "owner@acme.test")) { ["Password"] = "short", ["ConfirmPassword"] = "short" });
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        Assert.Contains("at least 12 characters", await weak.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(organizationsBefore, await host.Query(db => db.Organizations.CountAsync()));

        var setUp = await browser.PostFormAsync("/set-up", SetUpFields("Acme", "owner@acme.test"));
        Assert.Equal(HttpStatusCode.Redirect, setUp.StatusCode);
        Assert.Equal("/", Where(setUp));
        var cookie = Assert.Single(setUp.Headers.GetValues("Set-Cookie"), c => c.StartsWith("CleanAgent.Dashboard=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);

        var owner = await host.Query(db => db.Users.AsNoTracking().SingleAsync());
        Assert.Equal("owner@acme.test", owner.Email);
        Assert.Equal("Acme", (await host.Query(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Id == owner.OrganizationId))).Name);
        Assert.DoesNotContain(Password, owner.PasswordHash!, StringComparison.Ordinal); // hashed by Identity

        // Signed in: the agents list. The set-up page is gone, for everyone.
        Assert.Contains("<h1>Agents</h1>", await browser.PageAsync("/"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/set-up")).StatusCode);
        using (var stranger = new DashboardHttpClient(host.BaseAddress))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync("/set-up")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync("/sign-in")).StatusCode); // no longer sent to set-up
        }

        // The cookie is no API key: the REST API still answers 401 without one.
        using (var api = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/agents", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.Unauthorized, (await browser.Http.SendAsync(api)).StatusCode);

        // Sign out (a form with its token): the pages want a sign-in again.
        var signOut = await browser.PostFormAsync("/", new Dictionary<string, string>(), action: "/sign-out");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.StartsWith("/sign-in", Where(await browser.GetAsync("/")), StringComparison.Ordinal);

        // A wrong password is refused; the right one signs in.
        var wrong = await browser.PostFormAsync("/sign-in", new Dictionary<string, string> { ["Email"] = "owner@acme.test", ["Password"] = "not the password at all" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("do not match an account", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var signIn = await browser.PostFormAsync("/sign-in?ReturnUrl=%2Forganization", new Dictionary<string, string> { ["Email"] = "owner@acme.test", ["Password"] = Password, ["ReturnUrl"] = "/organization" });
        Assert.Equal("/organization", Where(signIn));
        Assert.Contains("<h1>Acme</h1>", await browser.PageAsync("/organization"), StringComparison.Ordinal);

        // admin create-user: an account in the organization, and a link that sets its password once.
        var output = new StringWriter();
        var errors = new StringWriter();
        var exit = await AdminCli.RunAsync(["create-user", "--organization", owner.OrganizationId.ToString(), "--email", "colleague@acme.test",
            "--url", host.BaseAddress.ToString(), "--field", "setUpLink", .. DatabaseSettings()], output, errors);
        Assert.True(exit == 0, errors.ToString());
        var link = new Uri(output.ToString().Trim());
        Assert.Equal("/set-password", link.AbsolutePath);

        using var colleague = new DashboardHttpClient(host.BaseAddress);
        var choose = await colleague.PostFormAsync(link.PathAndQuery, new Dictionary<string, string> { ["Password"] = Password + "!", ["ConfirmPassword"] = Password + "!" });
        Assert.Equal(HttpStatusCode.Redirect, choose.StatusCode);
        Assert.Contains("<h1>Acme</h1>", await colleague.PageAsync("/organization"), StringComparison.Ordinal);
        // Once only.
        using var again = new DashboardHttpClient(host.BaseAddress);
        Assert.Equal(HttpStatusCode.NotFound, (await again.GetAsync(link.PathAndQuery)).StatusCode);
        var colleagueUser = await host.Query(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == "colleague@acme.test"));
        Assert.Equal(owner.OrganizationId, colleagueUser.OrganizationId);

        // An unknown organization is exit code 3, as for every admin command.
        var missing = await AdminCli.RunAsync(["create-user", "--organization", Guid.NewGuid().ToString(), "--email", "x@acme.test", .. DatabaseSettings()], new StringWriter(), errors);
        Assert.Equal(3, missing);
    }

    /// <summary>Where a redirect points, as a path and query (the cookie handler writes absolute URLs, pages relative ones).</summary>
    private static string Where(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException($"{(int)response.StatusCode} is no redirect");
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    private static Dictionary<string, string> SetUpFields(string organization, string email) => new()
    {
        ["OrganizationName"] = organization,
        ["Email"] = email,
        ["Password"] = Password,
        ["ConfirmPassword"] = Password,
    };

    private string[] DatabaseSettings() =>
        [$"--Database:Provider={fixture.Database.Provider}", $"--ConnectionStrings:Default={fixture.Database.ConnectionString}"];
}
