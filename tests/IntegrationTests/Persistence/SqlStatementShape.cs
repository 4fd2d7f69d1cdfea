using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace CleanAgent.IntegrationTests.Persistence;

/// <summary>
/// What one statement does, in a word and a table: <c>UPDATE ApiKeys</c>, <c>SELECT WorkflowRuns</c>. Scenarios name
/// the statements a use case must reach this way; the synthesised answers use the alias map to find columns.
/// </summary>
/// <param name="Verb">SELECT, INSERT, UPDATE, DELETE, MERGE, or the statement's own type name for anything else.</param>
/// <param name="Target">The table written to (aliases resolved), or the first table read for a SELECT.</param>
/// <param name="Aliases">Every table reference of the statement, subqueries included: alias (or bare name) → table.</param>
internal sealed record SqlStatementShape(string Verb, string? Target, IReadOnlyDictionary<string, string> Aliases)
{
    public IEnumerable<string> Tables => Aliases.Values.Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>True for <c>"UPDATE ApiKeys"</c> when this is an UPDATE of ApiKeys; a SELECT matches any table it reads.</summary>
    public bool Matches(string expected)
    {
        var parts = expected.Split(' ', 2);
        if (!string.Equals(parts[0], Verb, StringComparison.OrdinalIgnoreCase)) return false;
        if (parts.Length == 1) return true;
        return Verb == "SELECT"
            ? Tables.Contains(parts[1], StringComparer.OrdinalIgnoreCase)
            : string.Equals(parts[1], Target, StringComparison.OrdinalIgnoreCase);
    }

    public override string ToString() => Target is null ? Verb : $"{Verb} {Target}";

    public static SqlStatementShape Of(TSqlStatement statement)
    {
        var tables = new TableFinder();
        statement.Accept(tables);
        var aliases = tables.Aliases;

        switch (statement)
        {
            case SelectStatement:
                return new("SELECT", tables.First, aliases);
            case InsertStatement insert:
                return Written("INSERT", insert.InsertSpecification.Target);
            case UpdateStatement update:
                return Written("UPDATE", update.UpdateSpecification.Target);
            case DeleteStatement delete:
                return Written("DELETE", delete.DeleteSpecification.Target);
            case MergeStatement merge:
                return Written("MERGE", merge.MergeSpecification.Target);
            default:
                return new(statement.GetType().Name.Replace("Statement", "", StringComparison.Ordinal).ToUpperInvariant(), null, aliases);
        }

        SqlStatementShape Written(string verb, TableReference target)
        {
            var name = target is NamedTableReference named ? named.SchemaObject.BaseIdentifier.Value : null;
            // UPDATE [a] SET … FROM [ApiKeys] AS [a]: the target is an alias of a table in the FROM clause.
            var table = name is not null && aliases.TryGetValue(name, out var aliased) ? aliased : name;
            return new(verb, table, aliases);
        }
    }

    private sealed class TableFinder : TSqlFragmentVisitor
    {
        public Dictionary<string, string> Aliases { get; } = new(StringComparer.OrdinalIgnoreCase);
        public string? First { get; private set; }

        public override void Visit(NamedTableReference node)
        {
            var table = node.SchemaObject.BaseIdentifier.Value;
            First ??= table;
            var alias = node.Alias?.Value;
            if (alias is not null) Aliases[alias] = table;
            else Aliases.TryAdd(table, table);
            base.Visit(node);
        }
    }
}
