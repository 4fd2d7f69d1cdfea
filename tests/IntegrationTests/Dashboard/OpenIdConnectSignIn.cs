using System.Net;

namespace CleanAgent.IntegrationTests.Dashboard;

/// <summary>A single sign-on as a browser makes it, over HTTP: the button, the provider, the callback, the dashboard's answer.</summary>
public static class OpenIdConnectSignIn
{
    /// <summary>
    /// Presses the single sign-on button (its form, with its anti-forgery token) as <paramref name="identity"/> and
    /// follows the redirects, through the provider and back, to where the dashboard sends the browser at the end:
    /// the path and query of the last redirect into the dashboard.
    /// </summary>
    public static async Task<string> FollowAsync(OpenIdConnectHostFixture fixture, FakeIdentity identity, DashboardHttpClient? browser = null)
    {
        using var own = browser is null ? new DashboardHttpClient(fixture.Host.BaseAddress) : null;
        var client = browser ?? own!;
        fixture.Provider.NextSignIn = identity;
        var response = await client.PostFormAsync("/sign-in", new Dictionary<string, string> { ["ReturnUrl"] = "/" }, action: "/sign-in?handler=SingleSignOn");
        var at = new Uri(fixture.Host.BaseAddress, "/sign-in");
        string? last = null;
        for (var hops = 0; response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther; hops++)
        {
            Assert.True(hops < 10, "too many redirects");
            at = new Uri(at, response.Headers.Location!);
            if (at.Authority == fixture.Host.BaseAddress.Authority && at.AbsolutePath != "/signin-oidc" && at.AbsolutePath != "/sign-in/sso")
            {
                last = at.PathAndQuery;
                break;
            }

            response.Dispose();
            response = await client.Http.GetAsync(at);
        }

        Assert.True(last is not null, $"the sign-in ended at {at} with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return last;
    }
}
