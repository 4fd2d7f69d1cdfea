namespace CleanAgent.Infrastructure.Persistence;

/// <summary>
/// <c>Database:Provider</c> (Sqlite, the default, or SqlServer), <c>Database:MigrateOnStart</c> (default true;
/// off for DBAs who apply the scripts themselves), and <c>ConnectionStrings:Default</c>.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string DefaultSqliteConnectionString = "Data Source=data/cleanagent.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    public bool MigrateOnStart { get; set; } = true;
    public string ConnectionString { get; set; } = DefaultSqliteConnectionString;
}
