using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanAgent.Infrastructure.Persistence;

/// <summary>Applies pending migrations of the configured provider, and tunes SQLite for concurrent use.</summary>
public sealed class DatabaseMigrator(IServiceScopeFactory scopes, DatabaseOptions options, ILogger<DatabaseMigrator> logger)
{
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (options.Provider == DatabaseProvider.Sqlite) CreateSqliteFolder();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CleanAgentDbContext>();

        if (options.MigrateOnStart)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} database migration(s) for {Provider}", pending.Count, options.Provider);
                await db.Database.MigrateAsync(cancellationToken);
            }
        }

        if (options.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets the dashboard read while calls write; it is a property of the file and sticks.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    /// <summary>Null when the database answers and has every migration this build knows; otherwise why it is not ready.</summary>
    public async Task<string?> FindUnreadinessAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CleanAgentDbContext>();
        if (!await db.Database.CanConnectAsync(cancellationToken)) return "the database does not answer";
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        return pending > 0 ? $"{pending} database migration(s) not applied" : null;
    }

    /// <summary>A fresh machine runs with nothing to set up: the SQLite file's folder is made on first use.</summary>
    private void CreateSqliteFolder()
    {
        var file = DatabaseOptions.SqliteFile(new SqliteConnectionStringBuilder(options.ConnectionString));
        if (Path.GetDirectoryName(file) is { Length: > 0 } folder) Directory.CreateDirectory(folder);
    }
}
