using System.Data.Common;
using System.Globalization;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace CleanAgent.IntegrationTests.Persistence;

/// <summary>
/// EF interceptors that stand in for SQL Server: the connection is swapped for an <see cref="OfflineSqlServerConnection"/>
/// when EF creates it, and every command is recorded (text and parameters) and answered by <see cref="SyntheticRows"/>
/// instead of being executed, so a use case runs its success path end to end and every statement it issues is kept.
/// </summary>
internal sealed class SqlServerCommandCapture(SyntheticRows rows)
{
    private readonly List<CapturedCommand> _commands = [];
    private readonly Lock _lock = new();

    public IInterceptor[] Interceptors => [new ConnectionReplacer(), new CommandAnswerer(this, rows)];

    public IReadOnlyList<CapturedCommand> Commands
    {
        get
        {
            lock (_lock) return [.. _commands];
        }
    }

    /// <summary>Test-only seam: records a statement as if EF had sent it (how a test shows the check fails on bad SQL).</summary>
    public void Record(string text, params CapturedParameter[] parameters)
    {
        lock (_lock) _commands.Add(new CapturedCommand(text, parameters));
    }

    private void Record(DbCommand command) =>
        Record(command.CommandText, command.Parameters.Cast<DbParameter>().Select(CapturedParameter.Of).ToArray());

    private sealed class ConnectionReplacer : DbConnectionInterceptor
    {
        public override InterceptionResult<DbConnection> ConnectionCreating(ConnectionCreatingEventData eventData, InterceptionResult<DbConnection> result) =>
            InterceptionResult<DbConnection>.SuppressWithResult(new OfflineSqlServerConnection(eventData.ConnectionString ?? ""));
    }

    private sealed class CommandAnswerer(SqlServerCommandCapture capture, SyntheticRows rows) : DbCommandInterceptor
    {
        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            capture.Record(command);
            return InterceptionResult<DbDataReader>.SuppressWithResult(rows.Reader(command.CommandText, eventData.Context!.Model));
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(ReaderExecuting(command, eventData, result));

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            capture.Record(command);
            return InterceptionResult<int>.SuppressWithResult(rows.NonQuery(command.CommandText, eventData.Context!.Model));
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(NonQueryExecuting(command, eventData, result));

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            capture.Record(command);
            return InterceptionResult<object>.SuppressWithResult(rows.Scalar(command.CommandText, eventData.Context!.Model) ?? DBNull.Value);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(ScalarExecuting(command, eventData, result));
    }
}

/// <summary>One command as EF sent it to SQL Server.</summary>
internal sealed record CapturedCommand(string Text, IReadOnlyList<CapturedParameter> Parameters)
{
    /// <summary>What each statement of the command does (empty when the text does not parse).</summary>
    public IReadOnlyList<SqlStatementShape> Statements
    {
        get
        {
            var fragment = SqlServer2019Syntax.Parse(Text, out var errors);
            return errors.Count > 0 || fragment is not TSqlScript script
                ? []
                : script.Batches.SelectMany(b => b.Statements).Select(SqlStatementShape.Of).ToList();
        }
    }

    public override string ToString() =>
        Parameters.Count == 0 ? Text : Text + "\n    -- " + string.Join(", ", Parameters.Select(p => p.ToString()));
}

/// <param name="Type">As the provider configured it: <c>NVarChar(200)</c>, <c>UniqueIdentifier</c>.</param>
internal sealed record CapturedParameter(string Name, string Type, string Value)
{
    public static CapturedParameter Of(DbParameter parameter)
    {
        var type = parameter is SqlParameter sql ? sql.SqlDbType.ToString() : parameter.DbType.ToString();
        if (parameter.Size != 0) type += $"({parameter.Size})";
        var value = parameter.Value is null or DBNull ? "NULL" : Convert.ToString(parameter.Value, CultureInfo.InvariantCulture) ?? "";
        return new CapturedParameter(parameter.ParameterName, type, SqlServer2019Syntax.Shorten(value, 60));
    }

    public override string ToString() => $"{Name} {Type} = {Value}";
}
