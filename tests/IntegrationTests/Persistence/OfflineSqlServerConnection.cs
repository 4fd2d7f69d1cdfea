using System.Collections;
using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.SqlClient;

namespace CleanAgent.IntegrationTests.Persistence;

/// <summary>
/// A connection that opens without a server, so that EF's SQL Server provider can run a use case whose commands are
/// all answered by <see cref="SqlServerCommandCapture"/>. A real, never-opened <c>SqlConnection</c> will not do:
/// EF disposes the current transaction whenever it finds its connection not open, and a <c>SqlCommand</c> accepts
/// only a real <c>SqlTransaction</c>. Parameters are real <see cref="SqlParameter"/>s, so the provider configures
/// them exactly as it would for a server. A command that reaches this connection unanswered throws.
/// </summary>
internal sealed class OfflineSqlServerConnection(string connectionString) : DbConnection
{
    private ConnectionState _state = ConnectionState.Closed;

    [AllowNull]
    public override string ConnectionString { get; set; } = connectionString;

    public override string Database => new SqlConnectionStringBuilder(ConnectionString).InitialCatalog;
    public override string DataSource => "offline";

    /// <summary>SQL Server 2019, the version the statements are checked against.</summary>
    public override string ServerVersion => "15.00.2000";

    public override ConnectionState State => _state;

    public override void ChangeDatabase(string databaseName) => throw new NotSupportedException("The offline connection has no other database.");
    public override void Open() => _state = ConnectionState.Open;
    public override void Close() => _state = ConnectionState.Closed;

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => new OfflineTransaction(this, isolationLevel);

    protected override DbCommand CreateDbCommand() => new OfflineCommand { Connection = this };

    private sealed class OfflineTransaction(DbConnection connection, IsolationLevel isolationLevel) : DbTransaction
    {
        public override IsolationLevel IsolationLevel => isolationLevel;
        protected override DbConnection DbConnection => connection;
        public override void Commit() { }
        public override void Rollback() { }
    }
}

/// <summary>A command that only holds its text and parameters; executing it is the interceptor's job.</summary>
internal sealed class OfflineCommand : DbCommand
{
    private readonly OfflineParameterCollection _parameters = new();

    [AllowNull]
    public override string CommandText { get; set; } = "";

    public override int CommandTimeout { get; set; } = 30;
    public override CommandType CommandType { get; set; } = CommandType.Text;
    public override bool DesignTimeVisible { get; set; }
    public override UpdateRowSource UpdatedRowSource { get; set; }
    protected override DbConnection? DbConnection { get; set; }
    protected override DbParameterCollection DbParameterCollection => _parameters;
    protected override DbTransaction? DbTransaction { get; set; }

    public override void Cancel() { }
    public override void Prepare() { }

    protected override DbParameter CreateDbParameter() => new SqlParameter();

    public override int ExecuteNonQuery() => throw Unanswered();
    public override object? ExecuteScalar() => throw Unanswered();
    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => throw Unanswered();

    private InvalidOperationException Unanswered() =>
        new($"A command reached the offline SQL Server connection without being answered by the capture:\n{CommandText}");

    private sealed class OfflineParameterCollection : DbParameterCollection
    {
        private readonly List<DbParameter> _items = [];

        public override int Count => _items.Count;
        public override object SyncRoot => _items;

        public override int Add(object value)
        {
            _items.Add((DbParameter)value);
            return _items.Count - 1;
        }

        public override void AddRange(Array values)
        {
            foreach (var value in values) Add(value);
        }

        public override void Clear() => _items.Clear();
        public override bool Contains(object value) => _items.Contains((DbParameter)value);
        public override bool Contains(string value) => IndexOf(value) >= 0;
        public override void CopyTo(Array array, int index) => ((ICollection)_items).CopyTo(array, index);
        public override IEnumerator GetEnumerator() => _items.GetEnumerator();
        public override int IndexOf(object value) => _items.IndexOf((DbParameter)value);
        public override int IndexOf(string parameterName) => _items.FindIndex(p => p.ParameterName == parameterName);
        public override void Insert(int index, object value) => _items.Insert(index, (DbParameter)value);
        public override void Remove(object value) => _items.Remove((DbParameter)value);
        public override void RemoveAt(int index) => _items.RemoveAt(index);
        public override void RemoveAt(string parameterName) => _items.RemoveAt(IndexOf(parameterName));
        protected override DbParameter GetParameter(int index) => _items[index];
        protected override DbParameter GetParameter(string parameterName) => _items[IndexOf(parameterName)];
        protected override void SetParameter(int index, DbParameter value) => _items[index] = value;
        protected override void SetParameter(string parameterName, DbParameter value) => _items[IndexOf(parameterName)] = value;
    }
}
