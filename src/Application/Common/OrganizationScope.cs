using CleanAgent.Domain.Agents;
using CleanAgent.Domain.ApiKeys;

namespace CleanAgent.Application.Common;

/// <summary>
/// The one rule by which a use case finds a resource for a caller: by its identity and, for an API caller, within the
/// caller's organization — another organization's resource is then simply not found. A null organization is the
/// operator's CLI, which sees every organization.
/// </summary>
internal static class OrganizationScope
{
    public static IQueryable<Agent> Named(this IQueryable<Agent> agents, Guid agentUuid, Guid? organizationId) =>
        agents.Where(a => a.Uuid == agentUuid && (organizationId == null || a.OrganizationId == organizationId));

    public static IQueryable<ApiKey> Named(this IQueryable<ApiKey> keys, Guid apiKeyId, Guid? organizationId) =>
        keys.Where(k => k.Id == apiKeyId && (organizationId == null || k.OrganizationId == organizationId));
}
