using System.CommandLine;
using CleanAgent.Application.ApiKeys;

namespace CleanAgent.Web.Admin.Commands;

internal static class ApiKeyCommands
{
    public static IEnumerable<Command> All(AdminRunner run)
    {
        yield return Create(run);
        yield return List(run);
        yield return Archive(run);
    }

    private static Command Create(AdminRunner run)
    {
        var organization = new Option<Guid>("--organization") { Required = true, Description = "Organization id" };
        var name = new Option<string>("--name") { Required = true, Description = "Key name" };
        var command = new Command("create-api-key", "Create an API key; the key is printed once and never again") { organization, name };
        command.SetAction((parse, ct) => run.Send((sender, c) => sender.Send(new CreateApiKey(parse.GetValue(organization), parse.GetValue(name)!), c),
            key => new { id = key.Id, apiKey = key.Key.Value, displayPrefix = key.DisplayPrefix }, ct));
        return command;
    }

    private static Command List(AdminRunner run)
    {
        var organization = new Option<Guid>("--organization") { Required = true, Description = "Organization id" };
        var archived = new Option<bool>("--include-archived") { Description = "Archived keys too" };
        var command = new Command("list-api-keys", "List an organization's API keys, newest first: name, prefix and last use, never the key") { organization, archived };
        command.SetAction((parse, ct) => run.Send((sender, c) => sender.Send(new ListApiKeys(parse.GetValue(organization), parse.GetValue(archived)), c), ct));
        return command;
    }

    private static Command Archive(AdminRunner run)
    {
        var id = new Option<Guid>("--id") { Required = true, Description = "API key id" };
        var command = new Command("archive-api-key", "Archive an API key: connections using it are refused") { id };
        command.SetAction((parse, ct) => run.SendPlain((sender, c) => sender.Send(new ArchiveApiKey(parse.GetValue(id)), c), new { id = parse.GetValue(id), archived = true }, ct));
        return command;
    }
}
