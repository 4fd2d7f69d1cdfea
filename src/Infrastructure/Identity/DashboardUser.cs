using Microsoft.AspNetCore.Identity;

namespace CleanAgent.Infrastructure.Identity;

/// <summary>
/// A person who signs in to the dashboard: a local account (ASP.NET Core Identity, password hashed by it) that belongs
/// to exactly one organization, the scope of every page and action it sees.
/// </summary>
public sealed class DashboardUser : IdentityUser<Guid>
{
    public Guid OrganizationId { get; set; }

    public DateTime CreatedAt { get; set; }
}
