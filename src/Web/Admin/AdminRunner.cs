using System.Text.Json;
using CleanAgent.Application;
using CleanAgent.Application.Common;
using CleanAgent.Infrastructure;
using CleanAgent.Infrastructure.Persistence;
using CleanAgent.Web.Common;
using Mediator;

namespace CleanAgent.Web.Admin;

/// <summary>
/// One path for every admin subcommand: build the services (the server's configuration sources, no web parts), prepare
/// the database, send the use case, print its result as JSON on stdout or its error as one <c>error:</c> line on stderr.
/// </summary>
internal sealed class AdminRunner(TextWriter output, TextWriter errors, string[] settings)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public TextWriter Errors => errors;

    /// <summary><c>--field NAME</c>: print only that field of the result (of each item, for a list), as plain text.</summary>
    public string? Field { get; set; }

    public Task<int> Send<T>(Func<ISender, CancellationToken, ValueTask<Result<T>>> send, Func<T, object> shape, CancellationToken ct) =>
        Report(async sender =>
        {
            var result = await send(sender, ct);
            return (result.Error, result.IsSuccess ? shape(result.Value) : null);
        }, ct);

    public Task<int> Send<T>(Func<ISender, CancellationToken, ValueTask<Result<T>>> send, CancellationToken ct) where T : notnull =>
        Send(send, value => value, ct);

    public Task<int> SendPlain(Func<ISender, CancellationToken, ValueTask<Result>> send, object body, CancellationToken ct) =>
        Report(async sender =>
        {
            var result = await send(sender, ct);
            return (result.Error, body);
        }, ct);

    /// <summary>A command that needs more than one use case (the dashboard's accounts live in Identity's user manager).</summary>
    public Task<int> Run(Func<IServiceProvider, CancellationToken, Task<(Error? Error, object? Body)>> run, CancellationToken ct) =>
        Report(run, ct);

    /// <summary>An input the parser could not judge (a file that is not there): one line, exit 2.</summary>
    public async Task<int> Invalid(string message)
    {
        await errors.WriteLineAsync($"error: {message}");
        return 2;
    }

    private Task<int> Report(Func<ISender, Task<(Error? Error, object? Body)>> run, CancellationToken ct) =>
        Report((services, _) => run(services.GetRequiredService<ISender>()), ct);

    private async Task<int> Report(Func<IServiceProvider, CancellationToken, Task<(Error? Error, object? Body)>> run, CancellationToken ct)
    {
        using var host = BuildHost();
        await host.Services.GetRequiredService<DatabaseMigrator>().PrepareAsync(ct);
        await using var scope = host.Services.CreateAsyncScope();
        var (error, body) = await run(scope.ServiceProvider, ct);
        if (error is not null)
        {
            await errors.WriteLineAsync($"error: {error.Message}");
            return ErrorMapping.ToExitCode(error.Kind);
        }

        if (Field is null)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(body, Json));
            return 0;
        }

        return await PrintField(JsonSerializer.SerializeToElement(body, Json), Field);
    }

    /// <summary>What scripts want from a result without jq: <c>ORG=$(… create-organization --name Demo --field id)</c>.</summary>
    private async Task<int> PrintField(JsonElement result, string field)
    {
        var items = result.ValueKind == JsonValueKind.Array ? result.EnumerateArray().ToList() : [result];
        var values = new List<string>();
        foreach (var item in items)
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty(field, out var value))
            {
                var known = item.ValueKind == JsonValueKind.Object ? string.Join(", ", item.EnumerateObject().Select(p => p.Name)) : "none";
                return await Invalid($"--field: the result has no field '{field}' (its fields: {known}); the command itself was carried out.");
            }

            values.Add(value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText());
        }

        foreach (var value in values) await output.WriteLineAsync(value);
        return 0;
    }

    /// <summary>
    /// The same configuration sources as the server (its appsettings.json next to the program, environment variables,
    /// <c>--Section:Key=value</c> arguments), without the web parts.
    /// </summary>
    private IHost BuildHost()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = settings, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        // Warnings only, whatever appsettings.json says for the server (the last rule of a kind wins), Data Protection's
        // too (the server's secret filters would let its key-creation notes through): stderr is for what went wrong.
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .KeepSecretsOutOfLogs()
            .AddFilter((_, level) => level >= LogLevel.Warning)
            .AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Warning);
        builder.Services.AddApplication().AddInfrastructure(builder.Configuration).AddUseCases();
        return builder.Build();
    }
}
