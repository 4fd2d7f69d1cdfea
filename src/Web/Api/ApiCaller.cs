using System.Security.Claims;
using CleanAgent.Application.ApiKeys;

namespace CleanAgent.Web.Api;

/// <summary>The authenticated API caller's organization, the scope of every query it makes.</summary>
internal static class ApiCaller
{
    private const string OrganizationClaim = "cleanagent:organization";
    private const string ApiKeyClaim = "cleanagent:api_key_id";

    public static IEnumerable<Claim> Claims(AuthenticatedCaller caller) =>
    [
        new(OrganizationClaim, caller.OrganizationId.ToString()),
        new(ApiKeyClaim, caller.ApiKeyId.ToString()),
    ];

    public static Guid OrganizationId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(OrganizationClaim) ?? throw new InvalidOperationException("The request is not authenticated by an API key."));
}
