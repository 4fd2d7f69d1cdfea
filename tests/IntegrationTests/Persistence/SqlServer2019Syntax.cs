using System.Text;
using System.Text.RegularExpressions;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace CleanAgent.IntegrationTests.Persistence;

/// <summary>
/// What SQL Server 2019 would say about a batch of T-SQL before running it, without a server: ScriptDom's parser for
/// compatibility level 150, with QUOTED_IDENTIFIER on (as SqlClient connections have it). Dynamic SQL in
/// <c>EXEC(N'…')</c>, which EF's idempotent migration scripts use, is parsed as well: the server parses it too, only later.
/// </summary>
internal static partial class SqlServer2019Syntax
{
    public static TSqlFragment Parse(string sql, out IList<ParseError> errors)
    {
        using var reader = new StringReader(sql);
        return new TSql150Parser(initialQuotedIdentifiers: true).Parse(reader, out errors);
    }

    /// <summary>The parse errors of one batch (no <c>GO</c> inside), those of its dynamic SQL included.</summary>
    public static IReadOnlyList<SqlSyntaxError> Check(string batch)
    {
        var fragment = Parse(batch, out var errors);
        var found = errors.Select(e => new SqlSyntaxError(e.Line, e.Column, e.Message, Excerpt(batch, e.Line, e.Column))).ToList();
        if (errors.Count > 0) return found;

        var dynamicSql = new DynamicSqlFinder();
        fragment.Accept(dynamicSql);
        foreach (var (line, text) in dynamicSql.Found)
        {
            found.AddRange(Check(text).Select(e => e with
            {
                Message = $"{e.Message} (in the dynamic SQL of the EXEC at line {line}; line and column are within that string)",
            }));
        }

        return found;
    }

    /// <summary>
    /// The variables a batch uses but neither declares nor receives as a command parameter: the server would
    /// refuse them ("Must declare the scalar variable"), though they parse.
    /// </summary>
    public static IReadOnlyList<string> UndeclaredVariables(string batch, IEnumerable<string> parameterNames)
    {
        var fragment = Parse(batch, out var errors);
        if (errors.Count > 0) return [];

        var variables = new VariableFinder();
        fragment.Accept(variables);
        var known = new HashSet<string>(variables.Declared, StringComparer.OrdinalIgnoreCase);
        foreach (var name in parameterNames) known.Add(name.StartsWith('@') ? name : "@" + name);
        return variables.Used.Where(v => !known.Contains(v)).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>A script cut into its batches on <c>GO</c> lines, as sqlcmd and SSMS do; blank batches are left out.</summary>
    public static IReadOnlyList<SqlBatch> SplitBatches(string script)
    {
        var batches = new List<SqlBatch>();
        var lines = script.ReplaceLineEndings("\n").Split('\n');
        var current = new StringBuilder();
        var startLine = 1;
        for (var i = 0; i < lines.Length; i++)
        {
            if (GoLine().IsMatch(lines[i]))
            {
                Flush(i + 2);
                continue;
            }

            current.Append(lines[i]).Append('\n');
        }

        Flush(lines.Length + 1);
        return batches;

        void Flush(int nextStartLine)
        {
            var text = current.ToString();
            if (!string.IsNullOrWhiteSpace(text)) batches.Add(new SqlBatch(batches.Count + 1, startLine, text));
            current.Clear();
            startLine = nextStartLine;
        }
    }

    /// <summary>The offending line, with a caret under the column the parser names.</summary>
    public static string Excerpt(string text, int line, int column)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        if (line < 1 || line > lines.Length) return Shorten(text, 300);
        var offending = lines[line - 1];
        var caret = new string(' ', Math.Clamp(column - 1, 0, offending.Length)) + "^";
        var before = line >= 2 ? "      " + Shorten(lines[line - 2], 200) + "\n" : "";
        return before + "    > " + Shorten(offending, 200) + "\n      " + caret;
    }

    public static string Shorten(string text, int length) => text.Length <= length ? text : text[..length] + " …";

    [GeneratedRegex(@"^\s*GO\s*(--.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex GoLine();

    private sealed class DynamicSqlFinder : TSqlFragmentVisitor
    {
        public List<(int Line, string Text)> Found { get; } = [];

        public override void Visit(ExecutableStringList node)
        {
            // EXEC(N'…' + N'…'): only literal pieces can be checked; a variable piece is the caller's to vouch for.
            if (node.Strings.All(s => s is StringLiteral))
                Found.Add((node.StartLine, string.Concat(node.Strings.Cast<StringLiteral>().Select(s => s.Value))));
            base.Visit(node);
        }
    }

    private sealed class VariableFinder : TSqlFragmentVisitor
    {
        public List<string> Used { get; } = [];
        public List<string> Declared { get; } = [];

        public override void Visit(VariableReference node)
        {
            Used.Add(node.Name);
            base.Visit(node);
        }

        public override void Visit(DeclareVariableElement node)
        {
            Declared.Add(node.VariableName.Value);
            base.Visit(node);
        }

        public override void Visit(DeclareTableVariableBody node)
        {
            Declared.Add(node.VariableName.Value);
            base.Visit(node);
        }
    }
}

/// <param name="Number">1-based position among the script's non-blank batches.</param>
/// <param name="StartLine">The script line the batch starts on, to turn a line within the batch into a script line.</param>
internal sealed record SqlBatch(int Number, int StartLine, string Text);

/// <param name="Line">1-based, within the batch.</param>
internal sealed record SqlSyntaxError(int Line, int Column, string Message, string Excerpt)
{
    public override string ToString() => $"line {Line}, column {Column}: {Message}\n{Excerpt}";
}
