using System.CommandLine;
using CleanAgent.Application.Common;
using CleanAgent.Application.Organizations;
using CleanAgent.Infrastructure.Identity;
using CleanAgent.Web.Dashboard;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace CleanAgent.Web.Admin.Commands;

/// <summary>
/// <c>create-user</c>: a dashboard account in an organization, without a password; the printed one-time link (valid for a
/// day, once) lets its owner choose one. No password ever passes through a command line or a shell history.
/// </summary>
internal static class UserCommands
{
    public static IEnumerable<Command> All(AdminRunner run)
    {
        yield return Create(run);
    }

    private static Command Create(AdminRunner run)
    {
        var organization = new Option<Guid>("--organization") { Required = true, Description = "Organization id" };
        var email = new Option<string>("--email") { Required = true, Description = "The user's email: their sign-in name" };
        var url = new Option<string>("--url")
        {
            Description = "The dashboard's address as the user reaches it, for the link (default http://localhost:5000)",
            DefaultValueFactory = _ => "http://localhost:5000",
        };
        var command = new Command("create-user", "Create a dashboard user in an organization; prints a one-time set-up link for them to choose a password") { organization, email, url };
        command.SetAction((parse, ct) => run.Run(async (services, c) =>
        {
            if (!Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var dashboard) || dashboard.Scheme is not ("http" or "https"))
                return (new Error(ErrorKind.Validation, "--url must be the dashboard's http:// or https:// address, like https://cleanagent.example.com."), null);
            var organizationId = parse.GetValue(organization);
            var found = await services.GetRequiredService<ISender>().Send(new GetOrganization(organizationId), c);
            if (!found.IsSuccess) return (found.Error, null);

            var users = services.GetRequiredService<UserManager<DashboardUser>>();
            var address = parse.GetValue(email)!.Trim();
            var user = new DashboardUser { Id = Guid.CreateVersion7(), UserName = address, Email = address, OrganizationId = organizationId, CreatedAt = DateTime.UtcNow };
            if (await OwnerSetUp.AccountProblemsAsync(users, user, password: null) is { } problem) return (problem, null);
            var created = await users.CreateAsync(user);
            if (!created.Succeeded) return (OwnerSetUp.Invalid("email", created), null);

            var token = await users.GeneratePasswordResetTokenAsync(user);
            var link = new Uri(dashboard, $"/set-password?user={user.Id}&token={Uri.EscapeDataString(token)}");
            return ((Error?)null, (object?)new { id = user.Id, email = address, organizationId, setUpLink = link.AbsoluteUri });
        }, ct));
        return command;
    }
}
