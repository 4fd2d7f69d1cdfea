using System.CommandLine;
using CleanAgent.Web.Admin.Commands;

namespace CleanAgent.Web.Admin;

/// <summary>
/// <c>admin …</c>: the operators' and scripts' interface, in the same executable and on the same configuration as the
/// server. JSON on stdout; one <c>error:</c> line on stderr and a non-zero exit code on error (2 for invalid input).
/// </summary>
public static class AdminCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var output = stdout ?? Console.Out;
        var errors = stderr ?? Console.Error;
        var (settings, commandArgs) = CommandLineSettings.Split(args);
        var runner = new AdminRunner(output, errors, settings);

        var admin = new Command("admin", "CleanAgent administration. Reads the same settings as the server: appsettings.json, environment variables, --Section:Key=value.");
        foreach (var command in OrganizationCommands.All(runner)
                     .Concat(ApiKeyCommands.All(runner))
                     .Concat(AgentCommands.All(runner))
                     .Concat(RunCommands.All(runner))
                     .Concat(TelephonyCommands.All(runner))
                     .Concat(UserCommands.All(runner)))
            admin.Subcommands.Add(command);
        var field = new Option<string?>("--field") { Recursive = true, Description = "Print only this field of the result (of each item of a list), as plain text: for scripts, e.g. --field id" };
        admin.Options.Add(field);
        var root = new RootCommand("CleanAgent") { admin };

        // `admin` alone asks what there is: the list of commands, not an error.
        var parsed = root.Parse(commandArgs.Length == 0 ? ["admin", "--help"] : ["admin", .. commandArgs]);
        if (parsed.Errors.Count > 0)
        {
            // One line, in plain words, naming what is wrong; the usage is one --help away (stdout carries JSON or nothing).
            await errors.WriteLineAsync($"error: {CommandLineErrors.Describe(parsed.Errors)} (see 'admin --help').");
            return 2;
        }

        runner.Field = parsed.GetValue(field);
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = errors });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await errors.WriteLineAsync($"error: {ex.GetBaseException().Message}");
            return 1;
        }
    }
}
