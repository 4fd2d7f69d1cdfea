using System.Text;

namespace CleanAgent.IntegrationTests.Persistence;

/// <summary>What SQL Server 2019 would refuse among the commands a use case issued, in words a reader can act on.</summary>
internal static class SqlServerStatementReport
{
    /// <returns>Null when every command parses and uses only the parameters it is given.</returns>
    public static string? Problems(string useCase, IReadOnlyList<CapturedCommand> commands)
    {
        var report = new StringBuilder();
        for (var i = 0; i < commands.Count; i++)
        {
            var command = commands[i];
            var errors = SqlServer2019Syntax.Check(command.Text);
            var undeclared = SqlServer2019Syntax.UndeclaredVariables(command.Text, command.Parameters.Select(p => p.Name));
            if (errors.Count == 0 && undeclared.Count == 0) continue;

            report.AppendLine($"{useCase}, statement {i + 1} of {commands.Count}:");
            report.AppendLine(Indent(command.ToString()));
            foreach (var error in errors) report.AppendLine(Indent(error.ToString()));
            if (undeclared.Count > 0)
                report.AppendLine(Indent($"uses {string.Join(", ", undeclared)}, which the command neither declares nor supplies as a parameter"));
        }

        return report.Length == 0 ? null : $"SQL Server 2019 would refuse SQL that {useCase} issues:\n{report}";
    }

    private static string Indent(string text) => "  " + text.ReplaceLineEndings("\n  ");
}
