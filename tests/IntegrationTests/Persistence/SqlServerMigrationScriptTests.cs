using CleanAgent.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CleanAgent.IntegrationTests.Persistence;

/// <summary>
/// The SQL Server migration scripts a DBA would apply — the whole history, plain and idempotent, and each migration's
/// own up and down scripts — parse as SQL Server 2019 T-SQL, batch by batch. Migrations are discovered from the
/// SQL Server context, so one added later is checked without touching this file. (Generated offline: no server.)
/// </summary>
public sealed class SqlServerMigrationScriptTests(ITestOutputHelper output)
{
    public static TheoryData<string> Scripts() => new(SqlServerMigrationScripts.All.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(Scripts))]
    public void MigrationScript_ParsesAsSqlServer2019(string script)
    {
        var sql = SqlServerMigrationScripts.Generate(SqlServerMigrationScripts.All.Single(s => s.Name == script));

        var batches = SqlServer2019Syntax.SplitBatches(sql);

        output.WriteLine($"{script}: {batches.Count} batch(es)");
        Assert.NotEmpty(batches);
        var problems = batches
            .Select(batch => (Batch: batch, Errors: SqlServer2019Syntax.Check(batch.Text)))
            .Where(checkedBatch => checkedBatch.Errors.Count > 0)
            .Select(checkedBatch => $"batch {checkedBatch.Batch.Number} of {batches.Count}, from script line {checkedBatch.Batch.StartLine}:\n"
                + string.Join("\n", checkedBatch.Errors.Select(error =>
                    $"  script line {checkedBatch.Batch.StartLine + error.Line - 1} (batch line {error.Line}), column {error.Column}: {error.Message}\n{error.Excerpt}")))
            .ToList();
        Assert.True(problems.Count == 0, $"SQL Server 2019 would refuse the script '{script}':\n{string.Join("\n", problems)}");
    }

    [Fact]
    public void Scripts_CoverEveryMigration_UpAndDown()
    {
        using var context = SqlServerMigrationScripts.NewContext();
        var migrations = context.Database.GetMigrations().ToList();

        Assert.NotEmpty(migrations);
        foreach (var migration in migrations)
        {
            Assert.Contains(SqlServerMigrationScripts.All, s => s.Name == $"{migration}: up");
            Assert.Contains(SqlServerMigrationScripts.All, s => s.Name == $"{migration}: down");
        }
    }

    [Fact]
    public void Check_OfABatchWithAMisspelledKeyword_ReportsItsLineAndColumn()
    {
        var errors = SqlServer2019Syntax.Check("BEGIN TRANSACTION;\nSELECT 1 FORM [Agents];\nCOMMIT;");

        var error = Assert.Single(errors);
        Assert.Equal(2, error.Line);
        Assert.Contains("Incorrect syntax near", error.Message, StringComparison.Ordinal);
        Assert.Contains("> SELECT 1 FORM [Agents];", error.Excerpt, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_OfDynamicSqlThatDoesNotParse_ReportsIt()
    {
        var errors = SqlServer2019Syntax.Check("IF NOT EXISTS (SELECT 1 FROM [__EFMigrationsHistory])\nBEGIN\n    EXEC(N'CREATE INDEX ON [Agents]');\nEND;");

        var error = Assert.Single(errors);
        Assert.Contains("dynamic SQL of the EXEC at line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SplitBatches_CutsOnGoLinesOnly_AndKeepsEachBatchStartLine()
    {
        var batches = SqlServer2019Syntax.SplitBatches("SELECT 1;\nGO\n\nSELECT 'GO';\ngo  \nGO\nSELECT 2;\n");

        Assert.Equal(["SELECT 1;\n", "\nSELECT 'GO';\n", "SELECT 2;\n\n"], batches.Select(b => b.Text));
        Assert.Equal([1, 3, 7], batches.Select(b => b.StartLine));
    }
}

/// <param name="From">EF's name of the migration the script starts after (<c>0</c>: an empty database), or null for the first.</param>
/// <param name="To">The migration the script ends at, or null for the last.</param>
internal sealed record MigrationScript(string Name, string? From, string? To, MigrationsSqlGenerationOptions Options);

internal static class SqlServerMigrationScripts
{
    public static IReadOnlyList<MigrationScript> All { get; } = Discover();

    public static SqlServerCleanAgentDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqlServerCleanAgentDbContext>().UseSqlServer("Server=offline.invalid;Database=CleanAgent").Options);

    public static string Generate(MigrationScript script)
    {
        using var context = NewContext();
        return context.GetService<IMigrator>().GenerateScript(script.From, script.To, script.Options);
    }

    private static List<MigrationScript> Discover()
    {
        using var context = NewContext();
        var migrations = context.Database.GetMigrations().ToList();

        var scripts = new List<MigrationScript>
        {
            new("all migrations", null, null, MigrationsSqlGenerationOptions.Default),
            new("all migrations (idempotent)", null, null, MigrationsSqlGenerationOptions.Idempotent),
        };
        for (var i = 0; i < migrations.Count; i++)
        {
            var previous = i == 0 ? Migration.InitialDatabase : migrations[i - 1];
            scripts.Add(new($"{migrations[i]}: up", previous, migrations[i], MigrationsSqlGenerationOptions.Default));
            scripts.Add(new($"{migrations[i]}: up (idempotent)", previous, migrations[i], MigrationsSqlGenerationOptions.Idempotent));
            scripts.Add(new($"{migrations[i]}: down", migrations[i], previous, MigrationsSqlGenerationOptions.Default));
            scripts.Add(new($"{migrations[i]}: down (idempotent)", migrations[i], previous, MigrationsSqlGenerationOptions.Idempotent));
        }

        return scripts;
    }
}
