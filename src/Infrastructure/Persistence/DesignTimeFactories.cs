using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CleanAgent.Infrastructure.Persistence;

// Used by `dotnet ef migrations add` only: one factory per provider, each with its own migrations folder.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCleanAgentDbContext>
{
    public SqliteCleanAgentDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCleanAgentDbContext>().UseSqlite(DatabaseOptions.DefaultSqliteConnectionString).Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerCleanAgentDbContext>
{
    public SqlServerCleanAgentDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerCleanAgentDbContext>().UseSqlServer("Server=design-time;Database=CleanAgent").Options);
}
