using Mediator;

namespace CleanAgent.IntegrationTests.Persistence;

/// <summary>
/// Every use case, run through the host's mediator pipeline on the SQL Server provider with no server behind it,
/// issues only SQL that SQL Server 2019 parses — the statements after a lookup succeeds included (the update after
/// the load, the insert after the checks, the set-based deletes of the sweep).
/// </summary>
public sealed class SqlServerUseCaseSqlTests(ITestOutputHelper output)
{
    public static TheoryData<string> UseCases() => new(UseCaseScenarios.All.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(UseCases))]
    public async Task UseCase_OnSqlServer_IssuesOnlyStatementsThatSqlServer2019Parses(string useCase)
    {
        var scenario = UseCaseScenarios.Named(useCase);
        await using var useCases = new OfflineSqlServerUseCases(scenario);

        var outcome = await useCases.SendAsync(scenario.Request);

        var commands = useCases.Capture.Commands;
        output.WriteLine($"{useCase}: {outcome}; {commands.Count} command(s), {commands.Sum(c => c.Statements.Count)} statement(s)");
        foreach (var command in commands) output.WriteLine(command + "\n");

        var problems = SqlServerStatementReport.Problems(useCase, commands);
        Assert.True(problems is null, problems);
        Assert.True(commands.Count > 0, $"{useCase} issued no SQL in the harness: a gap in {nameof(UseCaseScenarios)} or {nameof(SyntheticRows)}.");
        var issued = string.Join(", ", commands.SelectMany(c => c.Statements));
        Assert.True(outcome.Exception is null, $"{useCase} threw in the harness after issuing [{issued}]: {outcome.Exception}");
        Assert.True(outcome.IsSuccess, $"{useCase} did not take its success path in the harness ({outcome}); it issued [{issued}]. Give its scenario the stored values it needs.");
        var missing = scenario.MustIssue.Where(expected => !commands.SelectMany(c => c.Statements).Any(s => s.Matches(expected))).ToList();
        Assert.True(missing.Count == 0, $"{useCase} never issued {string.Join(", ", missing)}; it issued [{issued}].");
    }

    [Fact]
    public void EveryUseCaseRequest_HasASqlServerScenario()
    {
        var covered = UseCaseScenarios.All.Select(s => s.Request.GetType()).ToHashSet();

        var missing = typeof(Application.DependencyInjection).Assembly.GetTypes()
            .Where(IsUseCaseRequest)
            .Where(type => !covered.Contains(type))
            .Select(type => type.FullName)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(missing.Count == 0,
            $"Use cases with no SQL Server scenario: {string.Join(", ", missing)}. Add one line each to {nameof(UseCaseScenarios)}.{nameof(UseCaseScenarios.All)}.");
        Assert.Equal(covered.Count, UseCaseScenarios.All.Count); // one scenario per use case: the theory is keyed by its name
    }

    [Fact]
    public void Report_OfAStatementSqlServerCannotParse_NamesTheUseCaseTheStatementAndTheError()
    {
        CapturedCommand[] commands = [new("SELECT [a].[Id] FROM [Agents] AS [a]", []), new("UPDATE [ApiKeys] SET WHERE [Id] = @p0", [new("@p0", "UniqueIdentifier", "x")])];

        var problems = SqlServerStatementReport.Problems("ArchiveApiKey", commands);

        Assert.NotNull(problems);
        Assert.True(problems.Contains("ArchiveApiKey, statement 2 of 2:", StringComparison.Ordinal), problems);
        Assert.True(problems.Contains("UPDATE [ApiKeys] SET WHERE", StringComparison.Ordinal), problems);
        Assert.True(problems.Contains("line 1, column 18: Incorrect syntax near 'SET'.", StringComparison.Ordinal), problems);
        Assert.False(problems.Contains("statement 1 of 2", StringComparison.Ordinal), problems);
    }

    [Fact]
    public void Report_OfAStatementUsingAParameterItIsNotGiven_NamesTheVariable()
    {
        CapturedCommand[] commands = [new("SET NOCOUNT ON;\nDELETE FROM [CapacityReservations] WHERE [Id] = @p1;", [new("@p0", "UniqueIdentifier", "x")])];

        var problems = SqlServerStatementReport.Problems("ReleaseCapacity", commands);

        Assert.NotNull(problems);
        Assert.True(problems.Contains("uses @p1, which the command neither declares nor supplies", StringComparison.Ordinal), problems);
    }

    private static bool IsUseCaseRequest(Type type) =>
        type is { IsAbstract: false, IsInterface: false }
        && type.GetInterfaces().Any(i => i.IsGenericType && RequestInterfaces.Contains(i.GetGenericTypeDefinition()));

    private static readonly HashSet<Type> RequestInterfaces =
    [
        typeof(ICommand<>), typeof(IQuery<>), typeof(IRequest<>),
        typeof(IStreamCommand<>), typeof(IStreamQuery<>), typeof(IStreamRequest<>),
    ];
}
