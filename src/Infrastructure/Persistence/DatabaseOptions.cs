using Microsoft.Data.Sqlite;

namespace CleanAgent.Infrastructure.Persistence;

/// <summary>
/// <c>Database:Provider</c> (Sqlite, the default, or SqlServer), <c>Database:MigrateOnStart</c> (default true;
/// off for DBAs who apply the scripts themselves), <c>Database:DataFolder</c>, and <c>ConnectionStrings:Default</c>.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string DefaultSqliteConnectionString = "Data Source=cleanagent.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    public bool MigrateOnStart { get; set; } = true;
    public string ConnectionString { get; set; } = DefaultSqliteConnectionString;

    /// <summary>
    /// Where a SQLite file given by a relative path lives: the same folder whichever directory the server or the admin
    /// CLI is started from, and whichever build (Debug, Release, published) runs. The user's local application data
    /// (<c>~/.local/share/CleanAgent</c>, <c>%LOCALAPPDATA%\CleanAgent</c>) unless set.
    /// </summary>
    public string DataFolder { get; set; } = DefaultDataFolder();

    public static string DefaultDataFolder()
    {
        var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        return string.IsNullOrEmpty(local) ? Path.Combine(AppContext.BaseDirectory, "data") : Path.Combine(local, "CleanAgent");
    }

    /// <summary>The file a SQLite connection string names; null for an in-memory database.</summary>
    public static string? SqliteFile(SqliteConnectionStringBuilder builder) =>
        string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory ? null : builder.DataSource;
}
