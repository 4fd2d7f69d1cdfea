using CleanAgent.Application;
using CleanAgent.Infrastructure;
using CleanAgent.Infrastructure.Persistence;
using CleanAgent.Web;
using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CleanAgent.IntegrationTests.Persistence;

/// <summary>
/// The use cases composed as the host composes them — <c>AddApplication</c>, <c>AddInfrastructure</c> with
/// <c>Database:Provider=SqlServer</c>, <c>AddUseCases</c> (the generated mediator and its validation behaviour) —
/// with <see cref="SqlServerCommandCapture"/> in place of a server. One instance per scenario.
/// </summary>
internal sealed class OfflineSqlServerUseCases : IAsyncDisposable
{
    /// <summary>Mid-month, so "this month" has both earlier and later days.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 15, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;

    public OfflineSqlServerUseCases(UseCaseScenario scenario)
    {
        var clock = new FakeTimeProvider(Now);
        Capture = new SqlServerCommandCapture(new SyntheticRows(clock.GetUtcNow().UtcDateTime, scenario.Values, scenario.RowsAffected));

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "SqlServer",
            ["ConnectionStrings:Default"] = "Server=offline.invalid;Database=CleanAgent;Encrypt=True",
        }).Build();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        services.AddApplication().AddInfrastructure(configuration).AddUseCases();
        services.ConfigureDbContext<SqlServerCleanAgentDbContext>(db => db.AddInterceptors(Capture.Interceptors));
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public SqlServerCommandCapture Capture { get; }

    /// <summary>Sends the request through the mediator in its own scope, as the server does; a fault is returned, not thrown.</summary>
    public async Task<UseCaseOutcome> SendAsync(object request)
    {
        try
        {
            await using var scope = _services.CreateAsyncScope();
            return new UseCaseOutcome(await scope.ServiceProvider.GetRequiredService<ISender>().Send(request, CancellationToken.None), null);
        }
        catch (Exception ex)
        {
            return new UseCaseOutcome(null, ex);
        }
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

/// <param name="Response">A <c>Result</c> or <c>Result&lt;T&gt;</c>.</param>
internal sealed record UseCaseOutcome(object? Response, Exception? Exception)
{
    public bool IsSuccess => Response?.GetType().GetProperty("IsSuccess")?.GetValue(Response) is true;

    public override string ToString() =>
        Exception?.ToString() ?? (IsSuccess ? "success" : $"failure: {Response?.GetType().GetProperty("Error")?.GetValue(Response)}");
}
