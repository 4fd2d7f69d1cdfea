using CleanAgent.Application.Common.Ports;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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
                services.AddDbContext<CleanAgentDbContext, SqliteCleanAgentDbContext>(db => db.UseSqlite(sqlite));
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContext<CleanAgentDbContext, SqlServerCleanAgentDbContext>(db =>
                    db.UseSqlServer(options.ConnectionString, sql => sql.EnableRetryOnFailure()));
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{options.Provider}'.");
        }

        services.AddScoped<IAppDbContext>(sp => sp.GetRequiredService<CleanAgentDbContext>());
        services.AddSingleton<DatabaseMigrator>();
        return services;
    }

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
