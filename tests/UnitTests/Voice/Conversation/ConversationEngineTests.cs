using System.Text.Json;
using CleanAgent.Application.Voice.Conversation;
using CleanAgent.Domain.Agents.Definitions;
using Microsoft.Extensions.AI;

namespace CleanAgent.UnitTests.Voice.Conversation;

public sealed class ConversationEngineTests
{
    private const string NoGreeting = """
        {"nodes":[{"id":"s","type":"startCall","data":{"prompt":"Open the call."}},{"id":"e","type":"endCall","data":{"prompt":"Bye."}}],
         "edges":[{"id":"e1","source":"s","target":"e","data":{"label":"End","condition":"c"}}]}
        """;

    [Fact]
    public void Begin_WithAGreeting_SpeaksItVerbatimWithPlaceholdersFilled_WithoutTheLlm()
    {
        var engine = TestGraphs.SupportEngine();

        var opening = engine.Begin();

        Assert.False(opening.LlmSpeaksFirst);
        Assert.Equal("Hello Ann, this is Acme.", opening.Greeting);
        Assert.Empty(engine.History); // recorded as heard, once played
    }

    [Fact]
    public void Begin_WithoutAGreeting_LetsTheLlmSpeakFirstFromTheStartPrompt()
    {
        var engine = new ConversationEngine(TestGraphs.Parse(NoGreeting));

        var opening = engine.Begin();

        Assert.True(opening.LlmSpeaksFirst);
        Assert.Null(opening.Greeting);
        var message = Assert.Single(engine.BuildChatMessages());
        Assert.Equal(ChatRole.System, message.Role);
        Assert.Equal("Open the call.", message.Text);
    }

    [Fact]
    public void Begin_WithAnAudioGreeting_LetsTheLlmSpeakFirst()
    {
        var engine = new ConversationEngine(TestGraphs.Parse(NoGreeting.Replace("\"prompt\":\"Open the call.\"", "\"prompt\":\"Open.\",\"greeting_type\":\"audio\",\"greeting_recording_id\":\"r1\",\"greeting\":\"Hi\"", StringComparison.Ordinal)));

        Assert.True(engine.Begin().LlmSpeaksFirst);
    }

    [Fact]
    public void Begin_WithAGreetingBlankOnceFilled_LetsTheLlmSpeakFirst()
    {
        var engine = new ConversationEngine(TestGraphs.Parse(NoGreeting.Replace("\"prompt\":\"Open the call.\"", "\"prompt\":\"Open.\",\"greeting\":\"{{first_name}}\"", StringComparison.Ordinal)));

        Assert.True(engine.Begin().LlmSpeaksFirst);
    }

    [Fact]
    public void Begin_Twice_IsRefused()
    {
        var engine = TestGraphs.SupportEngine();
        engine.Begin();

        Assert.Throws<InvalidOperationException>(() => engine.Begin());
    }

    [Fact]
    public void SystemPrompt_IsTheGlobalPromptThenTheNodePrompt_PlaceholdersFilled()
    {
        var engine = TestGraphs.SupportEngine();

        Assert.Equal("You work for Acme.\n\nWelcome Ann to Acme.", engine.SystemPrompt);
        Assert.Equal(engine.SystemPrompt, engine.BuildChatMessages()[0].Text);
    }

    [Fact]
    public void SystemPrompt_OnANodeWithAddGlobalPromptFalse_IsTheNodePromptAlone()
    {
        var json = TestGraphs.Support.Replace("\"name\":\"Help\",", "\"name\":\"Help\",\"add_global_prompt\":false,", StringComparison.Ordinal);
        var engine = new ConversationEngine(TestGraphs.Parse(json));

        engine.TakeTransition("go", "c1");

        Assert.Equal("Help with order .", engine.SystemPrompt);
    }

    [Fact]
    public void SystemPrompt_OnAnEndNode_LeavesTheGlobalPromptOutByDefault()
    {
        var engine = TestGraphs.SupportEngine();

        engine.TakeTransition("hang_up", "c1");

        Assert.Equal("Say goodbye to Ann.", engine.SystemPrompt);
    }

    [Fact]
    public void SystemPrompt_WithoutAGlobalNode_IsTheNodePrompt()
    {
        Assert.Equal("Open the call.", new ConversationEngine(TestGraphs.Parse(NoGreeting)).SystemPrompt);
    }

    [Fact]
    public void Placeholders_AreFilledFromCustomParameters_TheInitialContextWinning()
    {
        var engine = TestGraphs.SupportEngine(
            initialContext: new Dictionary<string, string> { ["company"] = "Acme" },
            customParameters: new Dictionary<string, string> { ["caller_name"] = "Bob", ["company"] = "Evil Corp" });

        Assert.Equal("You work for Acme.\n\nWelcome Bob to Acme.", engine.SystemPrompt);
    }

    [Fact]
    public void Placeholders_UnknownNames_AreLeftEmpty()
    {
        var engine = new ConversationEngine(TestGraphs.Parse(TestGraphs.Support));

        Assert.Equal("You work for .\n\nWelcome  to .", engine.SystemPrompt);
    }

    [Fact]
    public void Placeholders_ACallerControlledValue_IsNeverExpanded()
    {
        var engine = TestGraphs.SupportEngine(
            initialContext: new Dictionary<string, string> { ["company"] = "Acme", ["secret"] = "hunter2" },
            customParameters: new Dictionary<string, string> { ["caller_name"] = "{{secret}}" });

        Assert.Equal("You work for Acme.\n\nWelcome {{secret}} to Acme.", engine.SystemPrompt);
        Assert.DoesNotContain("hunter2", engine.SystemPrompt, StringComparison.Ordinal);
    }

    [Fact]
    public void Placeholders_GatheredVariables_FillLaterPrompts_OverCustomParametersButNotTheInitialContext()
    {
        var engine = TestGraphs.SupportEngine(
            initialContext: new Dictionary<string, string> { ["caller_name"] = "Ann", ["company"] = "Acme" },
            customParameters: new Dictionary<string, string> { ["order_id"] = "from-url" });
        var help = engine.Graph.Node("help");
        engine.TakeTransition("go", "c1");
        Assert.Equal("You work for Acme.\n\nHelp with order from-url.", engine.SystemPrompt);

        engine.ApplyExtraction(help, """{"order_id":"A-17","amount":null,"is_urgent":null}""");

        Assert.Equal("You work for Acme.\n\nHelp with order A-17.", engine.SystemPrompt);
        Assert.Equal("A-17", engine.GatheredVariables["order_id"]);
        Assert.Equal("A-17", engine.Context["order_id"]);
    }

    [Fact]
    public void BuildChatOptions_OffersOneToolPerOutgoingEdge_NamedFromTheLabel_DescribedByTheCondition()
    {
        var engine = TestGraphs.SupportEngine();

        var options = engine.BuildChatOptions();

        var tools = options.Tools!.Cast<AIFunctionDeclaration>().ToList();
        Assert.Equal(["go", "hang_up"], tools.Select(t => t.Name));
        Assert.Equal(["The caller needs help", "The caller wants nothing"], tools.Select(t => t.Description));
        Assert.All(tools, t =>
        {
            Assert.Equal("object", t.JsonSchema.GetProperty("type").GetString());
            Assert.Empty(t.JsonSchema.GetProperty("properties").EnumerateObject());
        });
        Assert.Equal(ChatToolMode.Auto, options.ToolMode);
        Assert.False(options.AllowMultipleToolCalls);
    }

    [Fact]
    public void BuildChatOptions_FollowsTheCurrentNode()
    {
        var engine = TestGraphs.SupportEngine();

        engine.TakeTransition("go", "c1");

        Assert.Equal(["finish"], engine.BuildChatOptions().Tools!.Select(t => t.Name));
    }

    [Fact]
    public void BuildChatOptions_OnAnEndNode_OffersNoTools()
    {
        var engine = TestGraphs.SupportEngine();
        engine.TakeTransition("hang_up", "c1");

        var options = engine.BuildChatOptions();

        Assert.Null(options.Tools);
        Assert.Null(options.ToolMode);
    }

    [Fact]
    public void BuildChatOptions_UsesTheAgentsLlmModel_WhenItsConfigurationsOverrideIt()
    {
        var overridden = new ConversationEngine(TestGraphs.Parse(NoGreeting, """{"model_overrides":{"llm":{"model":"gpt-4o"}}}"""));
        var plain = new ConversationEngine(TestGraphs.Parse(NoGreeting));

        Assert.Equal("gpt-4o", overridden.BuildChatOptions().ModelId);
        Assert.Null(plain.BuildChatOptions().ModelId);
    }

    [Fact]
    public void ToolsOfAnEdgeToANodeTheRuntimeIgnores_AreNotOffered()
    {
        var graph = TestGraphs.Parse("""
            {"nodes":[{"id":"s","type":"startCall"},{"id":"w","type":"webhook"},{"id":"e","type":"endCall"}],
             "edges":[{"id":"e1","source":"s","target":"w","data":{"label":"Notify","condition":"c"}},
                      {"id":"e2","source":"s","target":"e","data":{"label":"End","condition":"c"}}]}
            """);

        Assert.Equal(["end"], new ConversationEngine(graph).BuildChatOptions().Tools!.Select(t => t.Name));
    }

    [Fact]
    public void AddCallerText_AddsAUserMessage_AndDropsBlankText()
    {
        var engine = TestGraphs.SupportEngine();

        Assert.True(engine.AddCallerText("  Where is my order?  "));
        Assert.False(engine.AddCallerText("   "));

        var message = Assert.Single(engine.History);
        Assert.Equal(ChatRole.User, message.Role);
        Assert.Equal("Where is my order?", message.Text);
    }

    [Theory]
    [InlineData('1', "The caller pressed 1")]
    [InlineData('#', "The caller pressed #")]
    [InlineData('*', "The caller pressed *")]
    [InlineData('a', "The caller pressed A")]
    public void AddDtmf_ReachesTheLlmAsText(char digit, string expected)
    {
        var engine = TestGraphs.SupportEngine();

        Assert.True(engine.AddDtmf(digit));

        var message = Assert.Single(engine.History);
        Assert.Equal(ChatRole.User, message.Role);
        Assert.Equal(expected, message.Text);
    }

    [Theory]
    [InlineData('x')]
    [InlineData('\n')]
    [InlineData('E')]
    public void AddDtmf_OfNoKey_AddsNothing(char digit)
    {
        var engine = TestGraphs.SupportEngine();

        Assert.False(engine.AddDtmf(digit));
        Assert.Empty(engine.History);
    }

    [Fact]
    public void TakeTransition_MovesToTheTarget_RecordingTheCallAndItsResultUnderTheSameId()
    {
        var engine = TestGraphs.SupportEngine();

        var result = engine.TakeTransition("go", "call_1");

        Assert.True(result.Moved);
        Assert.Equal("start", result.From.Id);
        Assert.Equal("help", result.To.Id);
        Assert.Equal("e1", result.Edge!.Id);
        Assert.Equal("help", engine.CurrentNode.Id);
        Assert.Collection(engine.History,
            call =>
            {
                Assert.Equal(ChatRole.Assistant, call.Role);
                var content = Assert.IsType<FunctionCallContent>(Assert.Single(call.Contents));
                Assert.Equal("call_1", content.CallId);
                Assert.Equal("go", content.Name);
            },
            toolResult =>
            {
                Assert.Equal(ChatRole.Tool, toolResult.Role);
                var content = Assert.IsType<FunctionResultContent>(Assert.Single(toolResult.Contents));
                Assert.Equal("call_1", content.CallId);
                Assert.Contains("Help", content.Result as string, StringComparison.Ordinal);
            });
    }

    [Fact]
    public void TakeTransition_OfAnUnknownTool_StaysOnTheNode_AndTellsTheLlmWhatIsAvailable()
    {
        var engine = TestGraphs.SupportEngine();

        var result = engine.TakeTransition("finish", "call_9");

        Assert.Equal(TransitionOutcome.UnknownTool, result.Outcome);
        Assert.False(result.Moved);
        Assert.False(result.EndsCall);
        Assert.Equal("start", engine.CurrentNode.Id);
        Assert.Equal(["start"], engine.NodesVisited);
        var toolResult = Assert.IsType<FunctionResultContent>(Assert.Single(engine.History[1].Contents));
        Assert.Equal("call_9", toolResult.CallId);
        Assert.Equal(result.Error, toolResult.Result);
        Assert.Contains("'finish'", result.Error, StringComparison.Ordinal);
        Assert.Contains("go, hang_up", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void TakeTransition_OnAnEndNode_IsAlwaysUnknown()
    {
        var engine = TestGraphs.SupportEngine();
        engine.TakeTransition("hang_up", "c1");

        var result = engine.TakeTransition("go", "c2");

        Assert.Equal(TransitionOutcome.UnknownTool, result.Outcome);
        Assert.Equal("bye", engine.CurrentNode.Id);
    }

    [Fact]
    public void TakeTransition_GivesTheTransitionSpeech_WithPlaceholdersFilled()
    {
        var engine = TestGraphs.SupportEngine();
        engine.TakeTransition("go", "c1");

        var result = engine.TakeTransition("finish", "c2");

        Assert.Equal("Thanks, Ann.", result.TransitionSpeech);
    }

    [Fact]
    public void TakeTransition_OfAnEdgeWithoutTransitionSpeech_GivesNone()
    {
        Assert.Null(TestGraphs.SupportEngine().TakeTransition("go", "c1").TransitionSpeech);
    }

    [Fact]
    public void TakeTransition_ToEndCall_EndsAfterGoodbye()
    {
        var engine = TestGraphs.SupportEngine();
        Assert.False(engine.IsEnding);
        Assert.Null(engine.EndReason);

        var result = engine.TakeTransition("hang_up", "c1");

        Assert.True(result.EndsCall);
        Assert.True(engine.IsEnding);
        Assert.Equal("agent_ended", engine.EndReason?.Code);
        // The goodbye comes from the end node's prompt, asked of the LLM in the same turn, with no tool to call.
        Assert.Equal("Say goodbye to Ann.", engine.SystemPrompt);
        Assert.Null(engine.BuildChatOptions().Tools);
        var toolResult = Assert.IsType<FunctionResultContent>(engine.History[^1].Contents.Single());
        Assert.Contains("goodbye", toolResult.Result as string, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TakeTransition_LeavingANodeThatExtracts_NamesItForExtraction()
    {
        var engine = TestGraphs.SupportEngine();

        var intoHelp = engine.TakeTransition("go", "c1");
        var outOfHelp = engine.TakeTransition("finish", "c2");

        Assert.Null(intoHelp.NodeToExtract);
        Assert.Equal("help", outOfHelp.NodeToExtract!.Id);
    }

    [Fact]
    public void TakeTransition_WithoutACallId_MakesUpDistinctOnes()
    {
        var engine = TestGraphs.SupportEngine();

        engine.TakeTransition("nope", null);
        engine.TakeTransition("go", " ");

        var ids = engine.History.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Select(c => c.CallId).ToList();
        Assert.Equal(2, ids.Distinct().Count());
        Assert.All(ids, id => Assert.False(string.IsNullOrWhiteSpace(id)));
    }

    [Fact]
    public void NodesVisited_AreInOrder_StartFirst_RepeatsKept()
    {
        var graph = TestGraphs.Parse("""
            {"nodes":[{"id":"s","type":"startCall"},{"id":"a","type":"agentNode"},{"id":"b","type":"agentNode"},{"id":"e","type":"endCall"}],
             "edges":[{"id":"e1","source":"s","target":"a","data":{"label":"to a","condition":"c"}},
                      {"id":"e2","source":"a","target":"b","data":{"label":"to b","condition":"c"}},
                      {"id":"e3","source":"b","target":"a","data":{"label":"to a","condition":"c"}},
                      {"id":"e4","source":"b","target":"e","data":{"label":"end","condition":"c"}}]}
            """);
        var engine = new ConversationEngine(graph);

        foreach (var tool in new[] { "to_a", "to_b", "unknown", "to_a", "to_b", "end" }) engine.TakeTransition(tool, null);

        Assert.Equal(["s", "a", "b", "a", "b", "e"], engine.NodesVisited);
    }

    [Fact]
    public void AllowInterrupt_FollowsTheCurrentNode()
    {
        var engine = TestGraphs.SupportEngine();
        Assert.False(engine.AllowInterrupt);

        engine.TakeTransition("go", "c1");

        Assert.True(engine.AllowInterrupt);
    }

    [Fact]
    public void RecordAgentReply_KeepsTheWholeReply_WhenNotInterrupted()
    {
        var engine = TestGraphs.SupportEngine();

        engine.RecordAgentReply(" Your order ships today. ", interrupted: false);

        var message = Assert.Single(engine.History);
        Assert.Equal(ChatRole.Assistant, message.Role);
        Assert.Equal("Your order ships today.", message.Text);
        Assert.False(ConversationEngine.WasInterrupted(message));
    }

    [Fact]
    public void RecordAgentReply_Interrupted_KeepsOnlyWhatWasHeard_MarkedInterrupted()
    {
        var engine = TestGraphs.SupportEngine();
        const string reply = "Your order ships today and arrives on Monday.";

        engine.RecordAgentReply(HeardReply.Cut(reply, 24), interrupted: true);

        var message = Assert.Single(engine.History);
        Assert.Equal("Your order ships today", message.Text);
        Assert.True(ConversationEngine.WasInterrupted(message));
    }

    [Fact]
    public void RecordAgentReply_NothingHeard_RecordsNothing()
    {
        var engine = TestGraphs.SupportEngine();

        engine.RecordAgentReply(HeardReply.Cut("Hello there", 2), interrupted: true);

        Assert.Empty(engine.History);
    }

    [Fact]
    public void NodeToExtractAtCallEnd_IsTheCurrentNode_WhenItExtracts()
    {
        var engine = TestGraphs.SupportEngine();
        Assert.Null(engine.NodeToExtractAtCallEnd);

        engine.TakeTransition("go", "c1");

        Assert.Equal("help", engine.NodeToExtractAtCallEnd!.Id);
    }

    [Fact]
    public void BuildChatMessages_IsTheSystemPromptThenTheHistory_ANewListEachTime()
    {
        var engine = TestGraphs.SupportEngine();
        engine.RecordAgentReply("Hello Ann, this is Acme.", false);
        engine.AddCallerText("Hi");

        var first = engine.BuildChatMessages();
        first.Clear();
        var second = engine.BuildChatMessages();

        Assert.Equal([ChatRole.System, ChatRole.Assistant, ChatRole.User], second.Select(m => m.Role));
        Assert.Equal(2, engine.History.Count);
    }

    [Fact]
    public void Load_OfAStoredVersion_BuildsTheGraph_OrNamesWhatIsWrong()
    {
        var loaded = ConversationGraph.Load(AgentDefinition.MinimalJson, """{"max_call_duration":60}""");
        var badDefinition = ConversationGraph.Load("{}", null);
        var badConfigurations = ConversationGraph.Load(AgentDefinition.MinimalJson, """{"recording":"maybe"}""");

        Assert.True(loaded.IsSuccess);
        Assert.Equal(TimeSpan.FromMinutes(1), loaded.Value.Configurations.MaxCallDuration);
        Assert.Contains("'nodes'", badDefinition.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("'recording'", badConfigurations.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExtractionCalls_ForANodeOfAnotherGraph_AreRefused()
    {
        var engine = TestGraphs.SupportEngine();
        var stranger = TestGraphs.Parse(TestGraphs.Support).Node("help");

        Assert.Throws<ArgumentException>(() => engine.BuildExtractionRequest(stranger));
        Assert.Throws<ArgumentException>(() => engine.ApplyExtraction(stranger, "{}"));
    }

    [Fact]
    public void TheSchemaOfTransitionTools_IsValidJsonSchemaForNoArguments()
    {
        var tool = (AIFunctionDeclaration)TestGraphs.SupportEngine().BuildChatOptions().Tools![0];

        Assert.Equal(JsonValueKind.False, tool.JsonSchema.GetProperty("additionalProperties").ValueKind);
    }
}
