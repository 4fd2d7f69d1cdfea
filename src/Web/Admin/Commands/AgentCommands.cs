using System.CommandLine;
using CleanAgent.Application.Agents;
using CleanAgent.Domain.Agents;

namespace CleanAgent.Web.Admin.Commands;

internal static class AgentCommands
{
    public static IEnumerable<Command> All(AdminRunner run)
    {
        yield return Create(run);
        yield return List(run);
        yield return Show(run);
        yield return Publish(run);
        yield return Archive(run);
    }

    private static Command Create(AdminRunner run)
    {
        var organization = new Option<Guid>("--organization") { Required = true, Description = "Organization id" };
        var name = new Option<string>("--name") { Required = true, Description = "Agent name" };
        var definition = new Option<FileInfo?>("--definition") { Description = "Conversation graph JSON file (default: a start node and an end node; see examples/)" };
        var configurations = new Option<FileInfo?>("--configurations") { Description = "Configurations JSON file, Dograh's workflow_configurations (max_call_duration, model_overrides, recording, …; default: the server's settings)" };
        var publish = new Option<bool>("--publish") { Description = "Publish the first version (otherwise calls use the draft)" };
        var kind = new Option<string>("--kind") { Description = "voice (the conversation graph, default) or echo (diagnostic: plays the caller back one second later; # ends the call)", DefaultValueFactory = _ => "voice" };
        kind.AcceptOnlyFromAmong("voice", "echo");
        var command = new Command("create-agent", "Create an agent") { organization, name, definition, configurations, publish, kind };
        command.SetAction(async (parse, ct) =>
        {
            var definitionFile = parse.GetValue(definition);
            var configurationsFile = parse.GetValue(configurations);
            foreach (var (file, option) in new[] { (definitionFile, "--definition"), (configurationsFile, "--configurations") })
                if (file is { Exists: false })
                    return await run.Invalid($"{option}: the file '{file.FullName}' does not exist.");

            var json = definitionFile is null ? null : await File.ReadAllTextAsync(definitionFile.FullName, ct);
            var configurationsJson = configurationsFile is null ? null : await File.ReadAllTextAsync(configurationsFile.FullName, ct);
            return await run.Send((sender, c) => sender.Send(new CreateAgent(parse.GetValue(organization), parse.GetValue(name)!, json, parse.GetValue(publish),
                    Enum.Parse<AgentKind>(parse.GetValue(kind)!, ignoreCase: true), configurationsJson), c),
                agent => new { id = agent.Id, agentUuid = agent.AgentUuid, kind = parse.GetValue(kind) }, ct);
        });
        return command;
    }

    private static Command List(AdminRunner run)
    {
        var organization = new Option<Guid>("--organization") { Required = true, Description = "Organization id" };
        var archived = new Option<bool>("--include-archived") { Description = "Archived agents too" };
        var command = new Command("list-agents", "List an organization's agents, newest first, with their Agent UUIDs and versions") { organization, archived };
        command.SetAction((parse, ct) => run.Send((sender, c) => sender.Send(new ListAgents(parse.GetValue(organization), parse.GetValue(archived)), c), ct));
        return command;
    }

    private static Command Show(AdminRunner run)
    {
        var agent = new Option<Guid>("--agent") { Required = true, Description = "Agent UUID" };
        var command = new Command("show-agent", "Print an agent with every version's definition and configurations, newest first") { agent };
        command.SetAction((parse, ct) => run.Send((sender, c) => sender.Send(new GetAgent(parse.GetValue(agent)), c), ct));
        return command;
    }

    private static Command Publish(AdminRunner run)
    {
        var agent = new Option<Guid>("--agent") { Required = true, Description = "Agent UUID" };
        var command = new Command("publish-agent", "Publish the agent's draft: new calls run it; calls in progress keep their version") { agent };
        command.SetAction((parse, ct) => run.Send((sender, c) => sender.Send(new PublishAgent(parse.GetValue(agent)), c), ct));
        return command;
    }

    private static Command Archive(AdminRunner run)
    {
        var agent = new Option<Guid>("--agent") { Required = true, Description = "Agent UUID" };
        var command = new Command("archive-agent", "Archive an agent: calls to it are refused") { agent };
        command.SetAction((parse, ct) => run.SendPlain((sender, c) => sender.Send(new ArchiveAgent(parse.GetValue(agent)), c), new { agentUuid = parse.GetValue(agent), archived = true }, ct));
        return command;
    }
}
