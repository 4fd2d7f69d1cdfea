using Testcontainers.MsSql;

namespace CleanAgent.IntegrationTests.Support;

/// <summary>A database for one test class: where it is, and how to reach its files or server.</summary>
public abstract class TestDatabase : IAsyncLifetime
{
    public abstract string Provider { get; }
    public abstract string ConnectionString { get; }

    /// <summary>Why this database cannot run here (no Docker), or null when it can.</summary>
    public virtual string? Unavailable => null;

    public abstract ValueTask InitializeAsync();
    public abstract ValueTask DisposeAsync();

    /// <summary>Skips the calling test, with the reason printed, when the database cannot run here.</summary>
    public void SkipWhenUnavailable()
    {
        if (Unavailable is { } reason) Assert.Skip(reason);
    }
}

/// <summary>A fresh SQLite file in its own temporary folder.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "cleanagent-tests", Guid.NewGuid().ToString("N"));
    public string FilePath => Path.Combine(Folder, "cleanagent.db");
    public override string Provider => "Sqlite";
    public override string ConnectionString => $"Data Source={FilePath}";

    public override ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        return ValueTask.CompletedTask;
    }

    public override ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { }
        return ValueTask.CompletedTask;
    }

    /// <summary>Every byte the database keeps on disk (main file, WAL, shared memory), to search for leaks.</summary>
    public byte[] ReadAllFiles() => Directory.GetFiles(Folder).SelectMany(ReadShared).ToArray();

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

/// <summary>SQL Server in a throwaway container; unavailable (tests skip with the reason) where Docker is not.</summary>
public sealed class SqlServerTestDatabase : TestDatabase
{
    private MsSqlContainer? _container;
    private string? _unavailable;
    private readonly string _database = "cleanagent_" + Guid.NewGuid().ToString("N")[..12];

    public override string Provider => "SqlServer";
    public override string? Unavailable => _unavailable;

    public override string ConnectionString =>
        new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(_container!.GetConnectionString()) { InitialCatalog = _database }.ConnectionString;

    public override async ValueTask InitializeAsync()
    {
        try
        {
            _container = new MsSqlBuilder("mcr.microsoft.com/mssql/server:2022-latest").Build();
            await _container.StartAsync();
        }
        catch (Exception ex)
        {
            _unavailable = $"SQL Server tests need a Docker engine, and {NoDockerReason(ex)}.";
            Console.WriteLine(_unavailable);
        }
    }

    /// <summary>Why Testcontainers found no engine, in words: its own message is a socket error ("Cannot assign requested address").</summary>
    private static string NoDockerReason(Exception ex)
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (string.IsNullOrEmpty(host) && !File.Exists("/var/run/docker.sock"))
            return "none is installed here (no DOCKER_HOST, no /var/run/docker.sock)";
        return $"the one at {(string.IsNullOrEmpty(host) ? "/var/run/docker.sock" : host)} did not answer ({ex.GetBaseException().Message})";
    }

    public override async ValueTask DisposeAsync()
    {
        if (_container is not null) await _container.DisposeAsync();
    }
}
