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

    public static IServiceCollection AddDatabase(this IServiceCollection services, DatabaseOptions options)
    {
        services.AddSingleton(options);
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = PrepareSqlite(options.ConnectionString);
                services.AddDbContext<CleanAgentDbContext, SqliteCleanAgentDbContext>(db => db.UseSqlite(sqlite).QuietExpectedFailures());
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContext<CleanAgentDbContext, SqlServerCleanAgentDbContext>(db =>
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

    /// <summary>Makes sure the folder of a SQLite file exists, so a fresh machine runs with nothing to set up.</summary>
    private static string PrepareSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true, DefaultTimeout = 30 };
        var path = builder.DataSource;
        if (!string.IsNullOrEmpty(path) && path != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        }

        return builder.ToString();
    }
}
