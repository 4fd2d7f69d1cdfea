using CleanAgent.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAgent.Infrastructure.Identity;

/// <summary>
/// The dashboard's accounts: Identity's user manager over the application's own database (no roles: a user belongs to
/// one organization and may do everything in it), with the token providers a one-time set-up link needs. Shared by the
/// server (sign-in) and the admin CLI (<c>create-user</c>); the cookie and sign-in parts are the server's alone.
/// </summary>
public static class DashboardUsers
{
    public const int MinimumPasswordLength = 12;

    public static IdentityBuilder AddDashboardUsers(this IServiceCollection services) =>
        services.AddIdentityCore<DashboardUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // Length over composition rules (NIST SP 800-63B): a long passphrase is enough.
                options.Password.RequiredLength = MinimumPasswordLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 10;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddEntityFrameworkStores<CleanAgentDbContext>()
            .AddDefaultTokenProviders();
}
