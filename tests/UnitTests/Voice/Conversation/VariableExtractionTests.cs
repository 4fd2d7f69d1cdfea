using System.Globalization;
using System.Text.Json;
using CleanAgent.Application.Voice.Conversation;
using CleanAgent.Domain.Agents.Definitions;
using Microsoft.Extensions.AI;

namespace CleanAgent.UnitTests.Voice.Conversation;

public sealed class VariableExtractionTests
{
    private const string AllGiven = """{"order_id":" A-17 ","amount":12.50,"is_urgent":true}""";

    [Fact]
    public void BuildExtractionRequest_AsksForAJsonObjectOfTheNodesTypedVariables()
    {
        var (engine, help) = OnHelp();

        var request = engine.BuildExtractionRequest(help);

        var format = Assert.IsType<ChatResponseFormatJson>(request.Options.ResponseFormat);
        Assert.Equal("extracted_variables", format.SchemaName);
        var schema = format.Schema!.Value;
        Assert.Equal("object", schema.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.False, schema.GetProperty("additionalProperties").ValueKind);
        Assert.Equal(["order_id", "amount", "is_urgent"], schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        var properties = schema.GetProperty("properties");
        Assert.Equal(["string", "null"], Types(properties.GetProperty("order_id")));
        Assert.Equal(["number", "null"], Types(properties.GetProperty("amount")));
        Assert.Equal(["boolean", "null"], Types(properties.GetProperty("is_urgent")));
        Assert.Equal("The order number", properties.GetProperty("order_id").GetProperty("description").GetString());
        Assert.Equal("is_urgent", properties.GetProperty("is_urgent").GetProperty("description").GetString());
        Assert.Null(request.Options.Tools);
        Assert.Equal(0f, request.Options.Temperature);
    }

    [Fact]
    public void BuildExtractionRequest_GivesTheExtractionPromptVariablesAndTranscript_WithoutToolTraffic()
    {
        var (engine, help) = OnHelp();
        engine.RecordAgentReply("How can I help?", false);
        engine.AddCallerText("My order A-17 is late.");

        var request = engine.BuildExtractionRequest(help);

        Assert.Equal([ChatRole.System, ChatRole.User], request.Messages.Select(m => m.Role));
        Assert.EndsWith("Focus on the order of Ann.", request.Messages[0].Text, StringComparison.Ordinal);
        var user = request.Messages[1].Text;
        Assert.Contains("- order_id (string): The order number", user, StringComparison.Ordinal);
        Assert.Contains("- amount (number): The amount in dollars", user, StringComparison.Ordinal);
        Assert.Contains("- is_urgent (boolean)\n", user, StringComparison.Ordinal);
        Assert.Contains("agent: How can I help?\ncaller: My order A-17 is late.\n", user, StringComparison.Ordinal);
        Assert.DoesNotContain("Moved to", user, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildExtractionRequest_ForANodeWithNothingToExtract_IsRefused()
    {
        var engine = TestGraphs.SupportEngine();

        Assert.Throws<ArgumentException>(() => engine.BuildExtractionRequest(engine.Graph.StartNode));
    }

    [Fact]
    public void ApplyExtraction_TakesTypedValues_AsInvariantText()
    {
        var (engine, help) = OnHelp();

        var outcome = engine.ApplyExtraction(help, AllGiven);

        Assert.Empty(outcome.Problems);
        Assert.Equal("A-17", engine.GatheredVariables["order_id"]);
        Assert.Equal("12.5", engine.GatheredVariables["amount"]);
        Assert.Equal("true", engine.GatheredVariables["is_urgent"]);
    }

    [Theory]
    [InlineData("1e3", "1000")]
    [InlineData("-0.25", "-0.25")]
    [InlineData("42", "42")]
    [InlineData("1e300", "1E+300")]
    public void ApplyExtraction_Numbers_AreWrittenInvariantly(string number, string expected)
    {
        var (engine, help) = OnHelp();

        engine.ApplyExtraction(help, $$"""{"order_id":null,"amount":{{number}},"is_urgent":false}""");

        Assert.Equal(expected, engine.GatheredVariables["amount"]);
        Assert.Equal("false", engine.GatheredVariables["is_urgent"]);
    }

    [Fact]
    public void ApplyExtraction_UnderACommaDecimalCulture_StillWritesAPoint()
    {
        var (engine, help) = OnHelp();
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            engine.ApplyExtraction(help, AllGiven);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        Assert.Equal("12.5", engine.GatheredVariables["amount"]);
    }

    [Fact]
    public void ApplyExtraction_WrongTypes_AreIgnored_WithAReasonEach()
    {
        var (engine, help) = OnHelp();

        var outcome = engine.ApplyExtraction(help, """{"order_id":17,"amount":"12","is_urgent":"yes"}""");

        Assert.Empty(engine.GatheredVariables);
        Assert.Equal(3, outcome.Problems.Count);
        Assert.Contains(outcome.Problems, p => p.Contains("'amount' should be number but is a string", StringComparison.Ordinal));
    }

    [Fact]
    public void ApplyExtraction_MissingAndExtraKeys_AreReported_TheRestTaken()
    {
        var (engine, help) = OnHelp();

        var outcome = engine.ApplyExtraction(help, """{"order_id":"A-1","caller_number":"+1555","__proto__":{}}""");

        Assert.Equal(["order_id"], outcome.Values.Keys);
        Assert.False(engine.GatheredVariables.ContainsKey("caller_number"));
        Assert.Contains(outcome.Problems, p => p.Contains("'caller_number' is not a variable", StringComparison.Ordinal));
        Assert.Contains(outcome.Problems, p => p.Contains("'amount' is missing", StringComparison.Ordinal));
        Assert.Contains(outcome.Problems, p => p.Contains("'is_urgent' is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void ApplyExtraction_NullOrBlank_MeansNotGiven_AndKeepsAnEarlierValue()
    {
        var (engine, help) = OnHelp();
        engine.ApplyExtraction(help, AllGiven);

        var outcome = engine.ApplyExtraction(help, """{"order_id":"  ","amount":null,"is_urgent":null}""");

        Assert.Empty(outcome.Problems);
        Assert.Empty(outcome.Values);
        Assert.Equal("A-17", engine.GatheredVariables["order_id"]);
    }

    [Fact]
    public void ApplyExtraction_AHugeString_IsCutToTheBound()
    {
        var (engine, help) = OnHelp();

        var outcome = engine.ApplyExtraction(help, $$"""{"order_id":"{{new string('x', 50_000)}}","amount":null,"is_urgent":null}""");

        Assert.Equal(1000, engine.GatheredVariables["order_id"].Length);
        Assert.Contains(outcome.Problems, p => p.Contains("was cut", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, "answered nothing")]
    [InlineData("   ", "answered nothing")]
    [InlineData("Sure! The order is A-17.", "not valid JSON")]
    [InlineData("""{"order_id":"A","order_id":"B"}""", "not valid JSON")]
    [InlineData("""["A-17"]""", "not a JSON object")]
    [InlineData("\"A-17\"", "not a JSON object")]
    [InlineData("""{"order_id":"A-17\""", "not valid JSON")]
    public void ApplyExtraction_OfAnUnusableAnswer_TakesNothing_AndSaysWhy(string? answer, string expected)
    {
        var (engine, help) = OnHelp();

        var outcome = engine.ApplyExtraction(help, answer);

        Assert.Empty(outcome.Values);
        Assert.Empty(engine.GatheredVariables);
        Assert.Contains(outcome.Problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void ApplyExtraction_OfAnOversizedAnswer_TakesNothing()
    {
        var (engine, help) = OnHelp();

        var outcome = engine.ApplyExtraction(help, $$"""{"order_id":"A","pad":"{{new string(' ', 70_000)}}"}""");

        Assert.Empty(outcome.Values);
        Assert.Contains(outcome.Problems, p => p.Contains("longer than 64 KiB", StringComparison.Ordinal));
    }

    [Fact]
    public void ApplyExtraction_AcceptsJsonInAMarkdownFence()
    {
        var (engine, help) = OnHelp();

        engine.ApplyExtraction(help, "```json\n" + AllGiven + "\n```");

        Assert.Equal("A-17", engine.GatheredVariables["order_id"]);
    }

    [Fact]
    public void ApplyExtraction_OnRandomAnswers_NeverThrows()
    {
        const int seed = 424_242;
        var (engine, help) = OnHelp();
        var mutator = new Fuzzing.JsonMutator(seed);
        for (var i = 0; i < 2000; i++)
        {
            var answer = mutator.Mutate(AllGiven);
            try
            {
                engine.ApplyExtraction(help, answer);
            }
            catch (Exception ex)
            {
                Assert.Fail($"seed {seed}, iteration {i}: {ex.GetType().Name}: {ex.Message}\nanswer: {answer[..Math.Min(300, answer.Length)]}");
            }
        }
    }

    private static (ConversationEngine Engine, AgentNode Help) OnHelp()
    {
        var engine = TestGraphs.SupportEngine();
        engine.TakeTransition("go", "c1");
        return (engine, engine.CurrentNode);
    }

    private static IEnumerable<string?> Types(JsonElement property) => property.GetProperty("type").EnumerateArray().Select(e => e.GetString());
}
