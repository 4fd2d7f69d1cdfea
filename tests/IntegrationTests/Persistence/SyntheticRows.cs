using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace CleanAgent.IntegrationTests.Persistence;

/// <summary>
/// What the harness answers in place of SQL Server, shaped by the statement and the EF model. A SELECT gets one row
/// whose columns are read off its select list: <c>[w].[State]</c> is the <c>State</c> column of the table aliased
/// <c>[w]</c>, so the cell holds a value of that property's type, converted to the provider's as EF's own converter
/// does (the state's lower-case name, a context's JSON). A write gets one affected row per row it writes, and its
/// <c>OUTPUT</c> clause one row each, so SaveChanges believes its rows were affected.
/// </summary>
/// <remarks>
/// Defaults make a fresh, live row: ids <see cref="Id"/>, text "synthetic", numbers 1 (counts, limits) or 0 (durations),
/// flags false (not archived), times "now", enums their first value, and every nullable column NULL (not yet archived,
/// ended, used or limited). A scenario sets a property where its use case needs another value to reach its later
/// statements (a run that holds a call slot, an organization with a monthly limit).
/// </remarks>
internal sealed class SyntheticRows(
    DateTime now,
    IReadOnlyDictionary<(Type Entity, string Property), object?> values,
    IReadOnlyDictionary<string, int> rowsAffected)
{
    public static readonly Guid Id = new("5ca1ab1e-0000-4000-8000-000000000001");

    public DateTime Now => now;

    public SyntheticDataReader Reader(string sql, IModel model)
    {
        var (sets, affected) = Answer(sql, model);
        return new SyntheticDataReader(sets, affected, now);
    }

    public int NonQuery(string sql, IModel model) => Answer(sql, model).Affected;

    public object? Scalar(string sql, IModel model)
    {
        var reader = Reader(sql, model);
        return reader.Read() && reader.FieldCount > 0 ? reader.GetValue(0) : null;
    }

    private (IReadOnlyList<SyntheticResultSet> Sets, int Affected) Answer(string sql, IModel model)
    {
        // Unparsable SQL gets no rows; the test reports the parse errors, which are the finding.
        var fragment = SqlServer2019Syntax.Parse(sql, out var errors);
        if (errors.Count > 0 || fragment is not TSqlScript script) return ([], 0);

        var sets = new List<SyntheticResultSet>();
        var affected = 0;
        foreach (var statement in script.Batches.SelectMany(b => b.Statements))
        {
            var shape = SqlStatementShape.Of(statement);
            switch (statement)
            {
                case SelectStatement { Into: null } select:
                    sets.Add(ForSelect(FirstSpecification(select.QueryExpression), shape, model));
                    break;
                case InsertStatement or UpdateStatement or DeleteStatement or MergeStatement:
                    var specification = Specification(statement);
                    var rows = rowsAffected.TryGetValue(shape.ToString(), out var forced) ? forced : RowsWritten(specification);
                    affected += rows;
                    if (specification.OutputClause is { } output) sets.Add(ForOutput(output, rows, shape, model));
                    break;
            }
        }

        return (sets, affected);
    }

    private SyntheticResultSet ForSelect(QuerySpecification query, SqlStatementShape shape, IModel model)
    {
        var columns = query.SelectElements.Select(element => element switch
        {
            SelectScalarExpression scalar => Column(scalar.Expression, scalar.ColumnName?.Value, shape, model),
            _ => throw new NotSupportedException($"The harness cannot answer a select element like '{Text(element)}'; extend {nameof(SyntheticRows)}."),
        }).ToList();
        return new SyntheticResultSet(columns.Select(c => c.Column).ToList(), [columns.Select(c => c.Value(0)).ToArray()]);
    }

    private SyntheticResultSet ForOutput(OutputClause output, int rows, SqlStatementShape shape, IModel model)
    {
        var columns = output.SelectColumns.Select(element => element switch
        {
            SelectScalarExpression scalar => Column(scalar.Expression, scalar.ColumnName?.Value, shape, model),
            _ => throw new NotSupportedException($"The harness cannot answer an OUTPUT element like '{Text(element)}'; extend {nameof(SyntheticRows)}."),
        }).ToList();
        var cells = Enumerable.Range(0, rows).Select(row => columns.Select(c => c.Value(row)).ToArray()).ToList();
        return new SyntheticResultSet(columns.Select(c => c.Column).ToList(), cells);
    }

    private (SyntheticColumn Column, Func<int, object> Value) Column(ScalarExpression expression, string? alias, SqlStatementShape shape, IModel model)
    {
        switch (expression)
        {
            case ParenthesisExpression parenthesis:
                return Column(parenthesis.Expression, alias, shape, model);
            case CastCall cast:
                return Column(cast.Parameter, alias, shape, model);
            case ColumnReferenceExpression reference when reference.MultiPartIdentifier is { Count: > 0 } identifier:
                var name = identifier.Identifiers[^1].Value;
                if (name == "_Position") return (new SyntheticColumn(alias ?? name, typeof(int)), row => row); // MERGE's row order
                var qualifier = identifier.Count > 1 ? identifier.Identifiers[^2].Value : null;
                if (FindProperty(model, TableOf(qualifier, shape), name, shape) is { } property)
                {
                    var value = ModelValue(property);
                    return (new SyntheticColumn(alias ?? name, ProviderType(property)), _ => value);
                }

                return Untyped(alias ?? name);
            case IntegerLiteral integer:
                var number = int.Parse(integer.Value, CultureInfo.InvariantCulture);
                return (new SyntheticColumn(alias ?? "", typeof(int)), _ => number);
            case StringLiteral text:
                return (new SyntheticColumn(alias ?? "", typeof(string)), _ => text.Value);
            case NullLiteral:
                return (new SyntheticColumn(alias ?? "", null), _ => DBNull.Value);
            case GlobalVariableExpression { Name: var global } when global.Equals("@@ROWCOUNT", StringComparison.OrdinalIgnoreCase):
                return (new SyntheticColumn(alias ?? "", typeof(int)), _ => 1);
            default:
                return Untyped(alias ?? "");
        }

        static (SyntheticColumn, Func<int, object>) Untyped(string name) => (new SyntheticColumn(name, null), _ => UntypedValue.Instance);
    }

    /// <summary><c>[a]</c> → the table aliased so; <c>INSERTED</c>/<c>DELETED</c> → the table written; null when unknown (a derived table).</summary>
    private static string? TableOf(string? qualifier, SqlStatementShape shape)
    {
        if (qualifier is null) return null;
        if (qualifier.Equals("INSERTED", StringComparison.OrdinalIgnoreCase) || qualifier.Equals("DELETED", StringComparison.OrdinalIgnoreCase)) return shape.Target;
        return shape.Aliases.TryGetValue(qualifier, out var table) ? table : null;
    }

    private static IProperty? FindProperty(IModel model, string? table, string column, SqlStatementShape shape)
    {
        // The named table first; then any table of the statement (a column of a derived table keeps its name); then any.
        IEnumerable<string?> candidates = [table, .. shape.Tables, .. model.GetEntityTypes().Select(e => e.GetTableName())];
        foreach (var candidate in candidates.OfType<string>().Distinct())
        {
            var property = model.GetEntityTypes()
                .Where(e => e.GetTableName() == candidate)
                .SelectMany(e => e.GetProperties())
                .FirstOrDefault(p => p.GetColumnName() == column);
            if (property is not null) return property;
        }

        return null;
    }

    private object ModelValue(IProperty property)
    {
        var modelValue = values.TryGetValue((property.DeclaringType.ClrType, property.Name), out var chosen) ? chosen
            : property.IsNullable ? null
            : DefaultFor(property.ClrType);
        if (modelValue is null) return DBNull.Value;
        var converter = property.GetTypeMapping().Converter;
        return (converter is null ? modelValue : converter.ConvertToProvider(modelValue)) ?? DBNull.Value;
    }

    private static Type ProviderType(IProperty property) =>
        property.GetTypeMapping().Converter?.ProviderClrType ?? Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;

    private object DefaultFor(Type clrType)
    {
        var type = Nullable.GetUnderlyingType(clrType) ?? clrType;
        if (type == typeof(Guid)) return Id;
        if (type == typeof(string)) return "synthetic";
        if (type == typeof(DateTime)) return now;
        if (type == typeof(DateTimeOffset)) return new DateTimeOffset(now, TimeSpan.Zero);
        if (type == typeof(bool)) return false;
        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)) return Convert.ChangeType(1, type, CultureInfo.InvariantCulture);
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal)) return Convert.ChangeType(0, type, CultureInfo.InvariantCulture);
        if (type.IsEnum) return Enum.GetValues(type).GetValue(0)!;
        if (type == typeof(byte[])) return Array.Empty<byte>();
        if (type == typeof(CleanAgent.Domain.Runs.CallMode)) return CleanAgent.Domain.Runs.CallMode.Of("synthetic");
        return Activator.CreateInstance(type) ?? throw new NotSupportedException($"No synthetic value for {type}.");
    }

    private static QuerySpecification FirstSpecification(QueryExpression query) => query switch
    {
        QuerySpecification specification => specification,
        BinaryQueryExpression binary => FirstSpecification(binary.FirstQueryExpression),
        QueryParenthesisExpression parenthesis => FirstSpecification(parenthesis.QueryExpression),
        _ => throw new NotSupportedException($"The harness cannot answer a query like '{Text(query)}'."),
    };

    private static DataModificationSpecification Specification(TSqlStatement statement) => statement switch
    {
        InsertStatement insert => insert.InsertSpecification,
        UpdateStatement update => update.UpdateSpecification,
        DeleteStatement delete => delete.DeleteSpecification,
        MergeStatement merge => merge.MergeSpecification,
        _ => throw new ArgumentOutOfRangeException(nameof(statement)),
    };

    /// <summary>An INSERT writes its VALUES rows, a MERGE its source rows; anything else one row.</summary>
    private static int RowsWritten(DataModificationSpecification specification) => specification switch
    {
        InsertSpecification { InsertSource: ValuesInsertSource values } => values.RowValues.Count,
        MergeSpecification { TableReference: InlineDerivedTable source } => source.RowValues.Count,
        _ => 1,
    };

    private static string Text(TSqlFragment fragment) =>
        string.Concat(Enumerable.Range(fragment.FirstTokenIndex, fragment.LastTokenIndex - fragment.FirstTokenIndex + 1)
            .Select(i => fragment.ScriptTokenStream[i].Text));
}
