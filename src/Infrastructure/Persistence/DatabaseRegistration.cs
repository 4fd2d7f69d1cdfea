using CleanAgent.Application.Common.Ports;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanAgent.Infrastructure.Persistence;

internal static class DatabaseRegistration
{
    public static DatabaseOptions ReadOptions(IConfiguration configuration)
    {
        var options = new DatabaseOptions();
        configuration.GetSection(DatabaseOptions.Section).Bind(options);
        var connectionString = configuration.GetConnectionString("Default");
        if (!string.IsNullOrWhiteSpace(connectionString)) options.ConnectionString = connectionString;
        else if (options.Provider == DatabaseProvider.SqlServer)
            throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:Default is not set.");
        return options;
    }

    /// <remarks>
    /// The contexts are pooled: every call's admission opens a few, and a context built afresh each time rebuilt its
    /// options and its internal service scope: about a fifth of what admitting a call allocated (README, "Performance").
    /// A pooled context is reset when it goes back, so a scope still starts with nothing tracked.
    /// </remarks>
    public static IServiceCollection AddDatabase(this IServiceCollection services, DatabaseOptions options)
    {
        services.AddSingleton(options);
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                options.ConnectionString = ResolveSqlite(options.ConnectionString, options.DataFolder);
                services.AddDbContextPool<CleanAgentDbContext, SqliteCleanAgentDbContext>(db => db.UseSqlite(options.ConnectionString).QuietExpectedFailures());
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContextPool<CleanAgentDbContext, SqlServerCleanAgentDbContext>(db =>
                    // SQL Server 2019 (compatibility level 150) is the oldest supported: EF 10 would otherwise write SQL for 2022.
                    db.UseSqlServer(options.ConnectionString, sql => sql.EnableRetryOnFailure().UseCompatibilityLevel(150)).QuietExpectedFailures());
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{options.Provider}'.");
        }

        services.AddScoped<IAppDbContext>(sp => sp.GetRequiredService<CleanAgentDbContext>());
        services.AddSingleton<DatabaseMigrator>();
        return services;
    }

    /// <summary>
    /// A unique-index refusal is how capacity slots and run names are claimed under contention (30 calls racing for
    /// 5 slots refuse 25 inserts), so EF Core's own error lines for failed commands would cry wolf at every busy
    /// moment. They go to Debug; a real failure still surfaces as an exception that the use case's caller logs.
    /// </summary>
    private static DbContextOptionsBuilder QuietExpectedFailures(this DbContextOptionsBuilder db) =>
        db.ConfigureWarnings(w => w.Log(
            (RelationalEventId.CommandError, LogLevel.Debug),
            (CoreEventId.SaveChangesFailed, LogLevel.Debug)));

    /// <summary>
    /// A relative SQLite path is taken in <paramref name="dataFolder"/>, not the current directory, which changes with
    /// where the command is run. Nothing is touched here: the migrator creates the folder (and reports what it cannot).
    /// </summary>
    private static string ResolveSqlite(string connectionString, string dataFolder)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true, DefaultTimeout = 30 };
        if (DatabaseOptions.SqliteFile(builder) is { } path && !Path.IsPathRooted(path))
            builder.DataSource = Path.GetFullPath(Path.Combine(dataFolder, path));
        return builder.ToString();
    }
}
