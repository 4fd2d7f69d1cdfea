using System.CommandLine;
using CleanAgent.Application.Runs;

namespace CleanAgent.Web.Admin.Commands;

internal static class RunCommands
{
    public static IEnumerable<Command> All(AdminRunner run)
    {
        yield return List(run);
        yield return Get(run);
    }

    private static Command List(AdminRunner run)
    {
        var agent = new Option<Guid>("--agent") { Required = true, Description = "Agent UUID" };
        var command = new Command("list-runs", "List an agent's runs, newest first") { agent };
        command.SetAction((parse, ct) => run.Send((sender, c) => sender.Send(new ListRuns(parse.GetValue(agent)), c), ct));
        return command;
    }

    private static Command Get(AdminRunner run)
    {
        var id = new Option<string>("--id") { Required = true, Description = "Run id or name (WR-AGS-…)" };
        var command = new Command("get-run",
            "Print one run whole: its list-runs fields, the agent version, contexts, transcript turns in order, nodes visited, gathered variables, " +
            "usage, per-turn latency and recording path. An operator tool: any run in the database, of any organization") { id };
        command.SetAction((parse, ct) => run.Send((sender, c) => sender.Send(new GetRun(parse.GetValue(id)!), c), ct));
        return command;
    }
}
