using System.CommandLine;
using CleanAgent.Application.Organizations;

namespace CleanAgent.Web.Admin.Commands;

internal static class OrganizationCommands
{
    public static IEnumerable<Command> All(AdminRunner run)
    {
        yield return Create(run);
        yield return List(run);
    }

    private static Command Create(AdminRunner run)
    {
        var name = new Option<string>("--name") { Required = true, Description = "Organization name" };
        var limit = new Option<int?>("--concurrent-call-limit") { Description = "Simultaneous calls allowed (default 10)" };
        var minutes = new Option<int?>("--monthly-minutes") { Description = "Call minutes per calendar month (default unlimited)" };
        var command = new Command("create-organization", "Create an organization") { name, limit, minutes };
        command.SetAction((parse, ct) => run.Send((sender, c) => sender.Send(new CreateOrganization(parse.GetValue(name)!, parse.GetValue(limit), parse.GetValue(minutes)), c),
            id => new { id }, ct));
        return command;
    }

    private static Command List(AdminRunner run)
    {
        var command = new Command("list-organizations", "List every organization, oldest first, with its limits");
        command.SetAction((_, ct) => run.Send((sender, c) => sender.Send(new ListOrganizations(), c), ct));
        return command;
    }
}
