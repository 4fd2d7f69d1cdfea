using CleanAgent.Application.Common;
using CleanAgent.Application.Organizations;
using CleanAgent.Infrastructure.Identity;
using CleanAgent.Web.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Web.Dashboard;

/// <summary>
/// The first start: while no account exists, the set-up page makes the organization (the same use case as
/// <c>admin create-organization</c>) and its owner. Once there is an account, there is nothing to set up: the page is
/// gone. One set-up at a time in this process, so two people racing on a fresh server do not both become owners.
/// </summary>
public sealed class OwnerSetUp(IServiceScopeFactory scopes, UseCases useCases) : IDisposable
{
    private readonly SemaphoreSlim _one = new(1, 1);

    public void Dispose() => _one.Dispose();

    public async Task<bool> IsOpenAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return !await scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>().Users.AnyAsync(ct);
    }

    /// <summary>The owner, made and ready to sign in; or why not, per field (<c>organization</c>, <c>email</c>, <c>password</c>).</summary>
    public async Task<Result<DashboardUser>> CreateOwnerAsync(string organizationName, string email, string password, CancellationToken ct)
    {
        await _one.WaitAsync(ct);
        try
        {
            if (!await IsOpenAsync(ct)) return new Error(ErrorKind.Conflict, "The dashboard is already set up: sign in instead.");
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();

            // Everything about the account is checked before the organization exists, so a refused password leaves nothing behind.
            var user = new DashboardUser { Id = Guid.CreateVersion7(), UserName = email, Email = email, CreatedAt = DateTime.UtcNow };
            if (await AccountProblemsAsync(users, user, password) is { } problem) return problem;

            var organization = await useCases.Send(new CreateOrganization(organizationName, ConcurrentCallLimit: null, MonthlyMinutes: null), ct);
            if (!organization.IsSuccess) return Renamed(organization.Error!, "name", "organization");
            user.OrganizationId = organization.Value;
            var created = await users.CreateAsync(user, password);
            return created.Succeeded ? user : Invalid("email", created);
        }
        finally
        {
            _one.Release();
        }
    }

    /// <summary>Identity's own checks of an account about to be made: the user's (email) and the password's.</summary>
    public static async Task<Error?> AccountProblemsAsync(UserManager<DashboardUser> users, DashboardUser user, string? password)
    {
        foreach (var validator in users.UserValidators)
            if (await validator.ValidateAsync(users, user) is { Succeeded: false } refused) return Invalid("email", refused);
        if (password is null) return null;
        foreach (var validator in users.PasswordValidators)
            if (await validator.ValidateAsync(users, user, password) is { Succeeded: false } refused) return Invalid("password", refused);
        return null;
    }

    /// <summary>The password and its confirmation differ: a set-up form's own check, before Identity sees either.</summary>
    public static Error PasswordsDiffer { get; } = new(ErrorKind.Validation, "The two passwords differ.",
        new Dictionary<string, string[]> { ["confirmPassword"] = ["The two passwords differ."] });

    public static Error Invalid(string field, IdentityResult result)
    {
        var messages = result.Errors.Select(e => e.Description).ToArray();
        return new Error(ErrorKind.Validation, string.Join(" ", messages), new Dictionary<string, string[]> { [field] = messages });
    }

    private static Error Renamed(Error error, string from, string to) => error.Fields is null
        ? error
        : error with { Fields = error.Fields.ToDictionary(f => string.Equals(f.Key, from, StringComparison.OrdinalIgnoreCase) ? to : f.Key, f => f.Value) };
}
