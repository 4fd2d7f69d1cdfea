using System.CommandLine;
using System.Text.Json;
using CleanAgent.Application;
using CleanAgent.Application.Agents;
using CleanAgent.Application.ApiKeys;
using CleanAgent.Application.Common;
using CleanAgent.Application.Organizations;
using CleanAgent.Application.Runs;
using CleanAgent.Application.Telephony;
using CleanAgent.Domain.Agents;
using CleanAgent.Infrastructure;
using CleanAgent.Infrastructure.Persistence;
using CleanAgent.Web.Common;
using Mediator;

namespace CleanAgent.Web.Admin;

/// <summary>
/// <c>admin …</c>: the operators' and scripts' interface, in the same executable and on the same database
/// configuration as the server. JSON on stdout; a message on stderr and a non-zero exit code on error.
/// </summary>
public static class AdminCli
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var output = stdout ?? Console.Out;
        var errors = stderr ?? Console.Error;
        var admin = new RootCommand("CleanAgent administration. Reads the same Database:* and ConnectionStrings:Default settings as the server.")
        {
            CreateOrganization(),
            CreateApiKeyCommand(),
            ArchiveApiKeyCommand(),
            CreateAgentCommand(),
            ArchiveAgentCommand(),
            ListRunsCommand(),
            GetRunCommand(),
            SetTelephonyCommand(),
        };

        var parsed = admin.Parse(args);
        // On a usage error, help goes to stderr too: stdout carries JSON or nothing.
        var invocation = new InvocationConfiguration { Output = parsed.Errors.Count > 0 ? errors : output, Error = errors };

        try
        {
            return await parsed.InvokeAsync(invocation);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await errors.WriteLineAsync($"error: {ex.GetBaseException().Message}");
            return 1;
        }

        Command CreateOrganization()
        {
            var name = new Option<string>("--name") { Required = true, Description = "Organization name" };
            var limit = new Option<int?>("--concurrent-call-limit") { Description = "Simultaneous calls allowed (default 10)" };
            var minutes = new Option<int?>("--monthly-minutes") { Description = "Call minutes per calendar month (default unlimited)" };
            var command = new Command("create-organization", "Create an organization") { name, limit, minutes };
            command.SetAction((parse, ct) => Send(ct,
                (sender, c) => sender.Send(new CreateOrganization(parse.GetValue(name)!, parse.GetValue(limit), parse.GetValue(minutes)), c),
                id => new { id }));
            return command;
        }

        Command CreateApiKeyCommand()
        {
            var organization = new Option<Guid>("--organization") { Required = true, Description = "Organization id" };
            var name = new Option<string>("--name") { Required = true, Description = "Key name" };
            var command = new Command("create-api-key", "Create an API key; the key is printed once and never again") { organization, name };
            command.SetAction((parse, ct) => Send(ct,
                (sender, c) => sender.Send(new CreateApiKey(parse.GetValue(organization), parse.GetValue(name)!), c),
                key => new { id = key.Id, apiKey = key.Key.Value, displayPrefix = key.DisplayPrefix }));
            return command;
        }

        Command ArchiveApiKeyCommand()
        {
            var id = new Option<Guid>("--id") { Required = true, Description = "API key id" };
            var command = new Command("archive-api-key", "Archive an API key: connections using it are refused") { id };
            command.SetAction((parse, ct) => SendPlain(ct, (sender, c) => sender.Send(new ArchiveApiKey(parse.GetValue(id)), c), new { id = parse.GetValue(id), archived = true }));
            return command;
        }

        Command CreateAgentCommand()
        {
            var organization = new Option<Guid>("--organization") { Required = true, Description = "Organization id" };
            var name = new Option<string>("--name") { Required = true, Description = "Agent name" };
            var definition = new Option<FileInfo?>("--definition") { Description = "Conversation graph JSON file (default: a start node and an end node)" };
            var configurations = new Option<FileInfo?>("--configurations") { Description = "Configurations JSON file, Dograh's workflow_configurations (max_call_duration, model_overrides, recording, …; default: the server's settings)" };
            var publish = new Option<bool>("--publish") { Description = "Publish the first version (otherwise calls use the draft)" };
            var kind = new Option<string>("--kind") { Description = "voice (the conversation graph, default) or echo (diagnostic: plays the caller back one second later; # ends the call)", DefaultValueFactory = _ => "voice" };
            kind.AcceptOnlyFromAmong("voice", "echo");
            var command = new Command("create-agent", "Create an agent") { organization, name, definition, configurations, publish, kind };
            command.SetAction(async (parse, ct) =>
            {
                var definitionFile = parse.GetValue(definition);
                var configurationsFile = parse.GetValue(configurations);
                foreach (var (file, what) in new[] { (definitionFile, "definition"), (configurationsFile, "configurations") })
                {
                    if (file is not { Exists: false }) continue;
                    await errors.WriteLineAsync($"error: {what} file '{file.FullName}' does not exist.");
                    return 2;
                }

                var json = definitionFile is null ? null : await File.ReadAllTextAsync(definitionFile.FullName, ct);
                var configurationsJson = configurationsFile is null ? null : await File.ReadAllTextAsync(configurationsFile.FullName, ct);
                return await Send(ct,
                    (sender, c) => sender.Send(new CreateAgent(parse.GetValue(organization), parse.GetValue(name)!, json, parse.GetValue(publish),
                        Enum.Parse<AgentKind>(parse.GetValue(kind)!, ignoreCase: true), configurationsJson), c),
                    agent => new { id = agent.Id, agentUuid = agent.AgentUuid, kind = parse.GetValue(kind) });
            });
            return command;
        }

        Command ArchiveAgentCommand()
        {
            var agent = new Option<Guid>("--agent") { Required = true, Description = "Agent UUID" };
            var command = new Command("archive-agent", "Archive an agent: calls to it are refused") { agent };
            command.SetAction((parse, ct) => SendPlain(ct, (sender, c) => sender.Send(new ArchiveAgent(parse.GetValue(agent)), c), new { agentUuid = parse.GetValue(agent), archived = true }));
            return command;
        }

        Command ListRunsCommand()
        {
            var agent = new Option<Guid>("--agent") { Required = true, Description = "Agent UUID" };
            var command = new Command("list-runs", "List an agent's runs, newest first") { agent };
            command.SetAction((parse, ct) => Send(ct, (sender, c) => sender.Send(new ListRuns(parse.GetValue(agent)), c), runs => runs));
            return command;
        }

        Command SetTelephonyCommand()
        {
            var organization = new Option<Guid>("--organization") { Required = true, Description = "Organization id" };
            var provider = new Option<string>("--provider") { Required = true, Description = "Telephony provider, e.g. twilio" };
            var accountSid = new Option<string>("--account-sid") { Required = true, Description = "The provider account (Twilio: AC…)" };
            var authToken = new Option<string>("--auth-token") { Required = true, Description = "The account's auth token: stored encrypted, never printed" };
            var command = new Command("set-telephony",
                "Store an organization's credentials at a telephony provider (replacing any it had there): Twilio calls are then signature-checked and hung up through the REST API")
                { organization, provider, accountSid, authToken };
            command.SetAction((parse, ct) => Send(ct,
                (sender, c) => sender.Send(new SetTelephonyCredentials(parse.GetValue(organization), parse.GetValue(provider)!,
                    parse.GetValue(accountSid)!, new Secret(parse.GetValue(authToken)!)), c),
                set => new { organizationId = set.OrganizationId, provider = set.Provider, accountSid = set.AccountSid, replaced = set.Replaced, updatedAt = set.UpdatedAt }));
            return command;
        }

        Command GetRunCommand()
        {
            var id = new Option<string>("--id") { Required = true, Description = "Run id or name (WR-AGS-…)" };
            var command = new Command("get-run",
                "Print one run whole: its list-runs fields, the agent version, contexts, transcript turns in order, nodes visited, gathered variables, " +
                "usage, per-turn latency and recording path. An operator tool: any run in the database, of any organization") { id };
            command.SetAction((parse, ct) => Send(ct, (sender, c) => sender.Send(new GetRun(parse.GetValue(id)!), c), run => run));
            return command;
        }

        // One path for every subcommand: build the services, migrate if configured, send, print.
        async Task<int> Send<T>(CancellationToken ct, Func<ISender, CancellationToken, ValueTask<Result<T>>> send, Func<T, object> shape) =>
            await Report(ct, async sender =>
            {
                var result = await send(sender, ct);
                return (result.Error, result.IsSuccess ? shape(result.Value) : null);
            });

        async Task<int> SendPlain(CancellationToken ct, Func<ISender, CancellationToken, ValueTask<Result>> send, object body) =>
            await Report(ct, async sender =>
            {
                var result = await send(sender, ct);
                return (result.Error, body);
            });

        async Task<int> Report(CancellationToken ct, Func<ISender, Task<(Error? Error, object? Body)>> run)
        {
            using var host = BuildHost();
            await host.Services.GetRequiredService<DatabaseMigrator>().PrepareAsync(ct);
            await using var scope = host.Services.CreateAsyncScope();
            var (error, body) = await run(scope.ServiceProvider.GetRequiredService<ISender>());
            if (error is not null)
            {
                await errors.WriteLineAsync($"error: {error.Message}");
                return ErrorMapping.ToExitCode(error.Kind);
            }

            await output.WriteLineAsync(JsonSerializer.Serialize(body, Json));
            return 0;
        }
    }

    /// <summary>The same configuration sources as the server (appsettings.json, environment, …), without the web parts.</summary>
    private static IHost BuildHost()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.ClearProviders();
        // Warnings only, Data Protection's too (the server's secret filters would let its key-creation notes through).
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning)
            .KeepSecretsOutOfLogs().AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Warning);
        builder.Services.AddApplication().AddInfrastructure(builder.Configuration).AddUseCases();
        return builder.Build();
    }
}
