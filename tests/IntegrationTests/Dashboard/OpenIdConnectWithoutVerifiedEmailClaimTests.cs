using CleanAgent.Web.Dashboard.SingleSignOn;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.IntegrationTests.Dashboard;

/// <summary>
/// <c>Dashboard:OpenIdConnect:RequireVerifiedEmail=false</c> (a provider such as Entra ID that never sends the claim):
/// an email without <c>email_verified</c> is matched, and <c>email_verified: false</c> is still refused.
/// </summary>
public sealed class OpenIdConnectWithoutVerifiedEmailClaimTests(OpenIdConnectUnverifiedEmailsHostFixture fixture) : IClassFixture<OpenIdConnectUnverifiedEmailsHostFixture>
{
    [Fact]
    public async Task NoClaim_IsMatched_ButAFalseOneIsStillRefused()
    {
        await fixture.ReadyAsync();

        var refused = await OpenIdConnectSignIn.FollowAsync(fixture, new FakeIdentity("entra-subject-bystander", OpenIdConnectHostFixture.BystanderEmail, EmailVerified: false));
        Assert.Equal(SingleSignOnOutcomes.SignInPageFor(SingleSignOnOutcome.EmailNotVerified), refused);

        var signedIn = await OpenIdConnectSignIn.FollowAsync(fixture, new FakeIdentity("entra-subject-operator", OpenIdConnectHostFixture.OperatorEmail, EmailVerified: null));
        Assert.Equal("/", signedIn);
        Assert.Equal(1, await fixture.Host.Query(db => db.UserLogins.CountAsync(l => l.ProviderKey == "entra-subject-operator")));
    }
}
