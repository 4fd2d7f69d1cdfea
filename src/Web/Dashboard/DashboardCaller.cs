using System.Security.Claims;

namespace CleanAgent.Web.Dashboard;

/// <summary>The signed-in dashboard user's organization: the scope of every page and action, as the API key's is for REST.</summary>
internal static class DashboardCaller
{
    public const string OrganizationClaim = "cleanagent:dashboard_organization";

    public static Guid DashboardOrganizationId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(OrganizationClaim), out var id) && id != Guid.Empty
            ? id
            : throw new InvalidOperationException("The request is not signed in to the dashboard.");
}
