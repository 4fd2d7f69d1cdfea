using CleanAgent.Application.Voice.Conversation;
using CleanAgent.Domain.Agents.Definitions;
using CleanAgent.UnitTests.Fuzzing;

namespace CleanAgent.UnitTests.Voice.Conversation;

/// <summary>Any definition the parser accepts can be walked by the engine without an exception, whatever the LLM calls.</summary>
public sealed class ConversationFuzzTests
{
    private const int Seed = 77_001;

    [Fact]
    public void EveryAcceptedMutant_CanBeWalked_WithRandomToolCalls()
    {
        var mutator = new JsonMutator(Seed);
        var random = new Random(Seed);
        var walked = 0;
        for (var i = 0; i < 1500; i++)
        {
            var parsed = AgentDefinition.Parse(mutator.Mutate(FuzzSeeds.DefinitionWithEverything));
            if (!parsed.IsValid) continue;
            walked++;
            try
            {
                Walk(ConversationGraph.From(parsed.Definition!), random);
            }
            catch (Exception ex)
            {
                Assert.Fail($"seed {Seed}, iteration {i}: {ex.GetType().Name}: {ex.Message}\ndefinition: {parsed.Definition!.Json}");
            }
        }

        Assert.True(walked > 50, $"only {walked} mutants were valid: the test walked too few graphs to mean much");
    }

    private static void Walk(ConversationGraph graph, Random random)
    {
        var engine = new ConversationEngine(graph, new Dictionary<string, string> { ["company"] = "{{caller_name}}" });
        engine.Begin();
        for (var step = 0; step < 8 && !engine.IsEnding; step++)
        {
            _ = engine.SystemPrompt;
            var tools = engine.BuildChatOptions().Tools?.Select(t => t.Name).ToList() ?? [];
            engine.AddCallerText("hello");
            var tool = tools.Count > 0 && random.Next(4) > 0 ? tools[random.Next(tools.Count)] : "no_such_tool";
            var result = engine.TakeTransition(tool, random.Next(3) == 0 ? null : $"c{step}");
            if (result.NodeToExtract is { } node)
            {
                engine.BuildExtractionRequest(node);
                engine.ApplyExtraction(node, """{"reason":"x","urgent":true,"amount":3}""");
            }

            engine.RecordAgentReply(HeardReply.Cut("Some reply here.", random.Next(20)), random.Next(2) == 0);
        }
    }
}
