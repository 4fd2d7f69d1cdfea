using CleanAgent.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.UnitTests.Persistence;

/// <summary>
/// The EF model and the committed migrations must agree for both providers: a model change without
/// <c>dotnet ef migrations add</c> for SQLite and for SQL Server fails here. (No database is needed.)
/// </summary>
public sealed class MigrationsTests
{
    [Fact]
    public void Sqlite_ModelHasNoChangesMissingFromTheMigrations()
    {
        using var context = new SqliteCleanAgentDbContext(
            new DbContextOptionsBuilder<SqliteCleanAgentDbContext>().UseSqlite("Data Source=:memory:").Options);

        Assert.NotEmpty(context.Database.GetMigrations());
        Assert.False(context.Database.HasPendingModelChanges(), "The model changed without a SQLite migration: run dotnet ef migrations add … --context SqliteCleanAgentDbContext");
    }

    [Fact]
    public void SqlServer_ModelHasNoChangesMissingFromTheMigrations()
    {
        using var context = new SqlServerCleanAgentDbContext(
            new DbContextOptionsBuilder<SqlServerCleanAgentDbContext>().UseSqlServer("Server=unused;Database=unused").Options);

        Assert.NotEmpty(context.Database.GetMigrations());
        Assert.False(context.Database.HasPendingModelChanges(), "The model changed without a SQL Server migration: run dotnet ef migrations add … --context SqlServerCleanAgentDbContext");
    }

    [Fact]
    public void BothProviders_HaveTheSameMigrationNames()
    {
        using var sqlite = new SqliteCleanAgentDbContext(new DbContextOptionsBuilder<SqliteCleanAgentDbContext>().UseSqlite("Data Source=:memory:").Options);
        using var sqlServer = new SqlServerCleanAgentDbContext(new DbContextOptionsBuilder<SqlServerCleanAgentDbContext>().UseSqlServer("Server=unused").Options);

        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(m => m[(m.IndexOf('_') + 1)..]);

        Assert.Equal(Names(sqlite), Names(sqlServer));
    }
}
