using System.Security.Claims;
using CleanAgent.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CleanAgent.Web.Dashboard;

/// <summary>Puts the user's organization in the sign-in cookie, so a page knows its scope without a database read.</summary>
internal sealed class DashboardClaimsFactory(UserManager<DashboardUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<DashboardUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(DashboardUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DashboardCaller.OrganizationClaim, user.OrganizationId.ToString()));
        return identity;
    }
}
