using CleanAgent.Domain.Agents.Definitions;

namespace CleanAgent.UnitTests.Domain;

/// <summary>The node and edge fields the runtime reads, their defaults, and the errors that name the node at fault.</summary>
public sealed class AgentNodeFieldsTests
{
    [Fact]
    public void Defaults_FollowDograh_InterruptOnlyAgentNodes_GlobalPromptOffOnlyOnEndNodes()
    {
        var definition = Valid("""
            {"nodes":[{"id":"s","type":"startCall","data":{}},{"id":"a","type":"agentNode","data":{}},{"id":"e","type":"endCall","data":{}}],
             "edges":[{"id":"e1","source":"s","target":"a","data":{"label":"go","condition":"c"}},
                      {"id":"e2","source":"a","target":"e","data":{"label":"end","condition":"c"}}]}
            """);

        var start = Node(definition, "s");
        var agent = Node(definition, "a");
        var end = Node(definition, "e");
        Assert.False(start.AllowInterrupt);
        Assert.True(agent.AllowInterrupt);
        Assert.False(end.AllowInterrupt);
        Assert.True(start.AddGlobalPrompt);
        Assert.True(agent.AddGlobalPrompt);
        Assert.False(end.AddGlobalPrompt);
        Assert.Equal(AgentGreetingType.Text, start.GreetingType);
        Assert.False(agent.ExtractionEnabled);
        Assert.Empty(agent.ExtractionVariables);
    }

    [Fact]
    public void ExplicitFlags_OverrideTheDefaults()
    {
        var definition = Valid("""
            {"nodes":[{"id":"s","type":"startCall","data":{"allow_interrupt":true,"add_global_prompt":false}},
                      {"id":"e","type":"endCall","data":{"allow_interrupt":true,"add_global_prompt":true}}],
             "edges":[{"id":"e1","source":"s","target":"e","data":{"label":"end","condition":"c"}}]}
            """);

        Assert.True(Node(definition, "s").AllowInterrupt);
        Assert.False(Node(definition, "s").AddGlobalPrompt);
        Assert.True(Node(definition, "e").AllowInterrupt);
        Assert.True(Node(definition, "e").AddGlobalPrompt);
    }

    [Fact]
    public void AudioGreeting_IsKept_ButIsNoSpokenGreeting()
    {
        var definition = Valid(StartOnly("""{"greeting_type":"audio","greeting_recording_id":"rec_1","greeting":"stale text"}"""));

        var start = definition.StartNode;
        Assert.Equal(AgentGreetingType.Audio, start.GreetingType);
        Assert.Equal("rec_1", start.GreetingRecordingId);
        Assert.Null(start.SpokenGreeting);
    }

    [Theory]
    [InlineData("""{"greeting":"Hello"}""", "Hello")]
    [InlineData("""{"greeting_type":"text","greeting":"Hello"}""", "Hello")]
    [InlineData("""{"greeting":"   "}""", null)]
    [InlineData("""{"greeting":null}""", null)]
    [InlineData("""{}""", null)]
    public void SpokenGreeting_IsANonBlankTextGreeting(string data, string? expected)
    {
        Assert.Equal(expected, Valid(StartOnly(data)).StartNode.SpokenGreeting);
    }

    [Fact]
    public void UnknownGreetingType_IsRefused_NamingTheNode()
    {
        var errors = Errors(StartOnly("""{"greeting_type":"video"}"""));

        Assert.Contains(errors, e => e.Contains("node 's' has greeting_type 'video'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"allow_interrupt":"yes"}""", "node 's': 'allow_interrupt' must be true or false, not a string")]
    [InlineData("""{"add_global_prompt":1}""", "node 's': 'add_global_prompt' must be true or false, not a number")]
    [InlineData("""{"extraction_enabled":"true"}""", "node 's': 'extraction_enabled' must be true or false")]
    [InlineData("""{"prompt":42}""", "node 's': 'prompt' must be a string, not a number")]
    [InlineData("""{"greeting":["hi"]}""", "node 's': 'greeting' must be a string, not an array")]
    [InlineData("""{"extraction_prompt":{}}""", "node 's': 'extraction_prompt' must be a string, not an object")]
    public void WrongFieldTypes_AreRefused_NamingTheNodeAndField(string data, string expected)
    {
        Assert.Contains(Errors(StartOnly(data)), e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void DataThatIsNotAnObject_IsRefused_NamingTheNode()
    {
        var errors = Errors("""{"nodes":[{"id":"s","type":"startCall","data":"oops"}]}""");

        Assert.Contains(errors, e => e.Contains("node 's' has a 'data' that is not an object", StringComparison.Ordinal));
    }

    [Fact]
    public void NullFields_CountAsAbsent_AsDograhStoresThem()
    {
        var start = Valid(StartOnly("""{"prompt":null,"greeting":null,"allow_interrupt":null,"extraction_variables":null,"greeting_type":null}""")).StartNode;

        Assert.Equal(string.Empty, start.Prompt);
        Assert.False(start.AllowInterrupt);
        Assert.Empty(start.ExtractionVariables);
    }

    [Fact]
    public void UnknownFields_AreAcceptedAndIgnored()
    {
        var start = Valid(StartOnly("""{"prompt":"p","tool_uuids":["x"],"delayed_start":true,"whatever":{"deep":[1,2]}}""")).StartNode;

        Assert.Equal("p", start.Prompt);
    }

    [Fact]
    public void NodesOfUnknownTypes_AreNotValidated()
    {
        var definition = Valid("""
            {"nodes":[{"id":"s","type":"startCall","data":{}},{"id":"w","type":"webhook","data":{"allow_interrupt":"not a bool","extraction_variables":7}},
                      {"id":"e","type":"endCall"}],
             "edges":[{"id":"e1","source":"s","target":"e","data":{"label":"end","condition":"c"}}]}
            """);

        Assert.DoesNotContain(definition.Nodes, n => n.Id == "w");
    }

    [Fact]
    public void ExtractionVariables_AreReadTyped()
    {
        var start = Valid(StartOnly("""
            {"extraction_enabled":true,"extraction_prompt":"Get the budget.",
             "extraction_variables":[{"name":"budget_usd","type":"number","prompt":"Stated budget"},
                                     {"name":" timeline ","type":"string"},
                                     {"name":"is_owner","type":"boolean","prompt":""}]}
            """)).StartNode;

        Assert.True(start.ExtractionEnabled);
        Assert.True(start.NeedsExtraction);
        Assert.Equal("Get the budget.", start.ExtractionPrompt);
        Assert.Equal(
            [new ExtractionVariable("budget_usd", ExtractionVariableType.Number, "Stated budget"),
             new ExtractionVariable("timeline", ExtractionVariableType.Text, null),
             new ExtractionVariable("is_owner", ExtractionVariableType.Boolean, null)],
            start.ExtractionVariables);
    }

    [Fact]
    public void ExtractionVariables_WithoutExtractionEnabled_NeedNoExtraction()
    {
        var start = Valid(StartOnly("""{"extraction_variables":[{"name":"x","type":"string"}]}""")).StartNode;

        Assert.Single(start.ExtractionVariables);
        Assert.False(start.NeedsExtraction);
    }

    [Theory]
    [InlineData("""[{"type":"string"}]""", "node 's': extraction_variables[0] needs a 'name'")]
    [InlineData("""[{"name":"  ","type":"string"}]""", "node 's': extraction_variables[0] needs a 'name'")]
    [InlineData("""[{"name":"a","type":"string"},{"name":"a","type":"number"}]""", "node 's' has extraction variable 'a' 2 times")]
    [InlineData("""[{"name":"a","type":"date"}]""", "node 's': extraction_variables[0] ('a') has type 'date'")]
    [InlineData("""[{"name":"a"}]""", "node 's': extraction_variables[0] ('a') needs a 'type'")]
    [InlineData("""[{"name":5,"type":"string"}]""", "node 's': extraction_variables[0]: 'name' must be a string")]
    [InlineData("""["a"]""", "node 's': extraction_variables[0] is not an object")]
    [InlineData("""{"a":"string"}""", "node 's': 'extraction_variables' must be an array, not an object")]
    public void InvalidExtractionVariables_AreRefused_NamingTheNode(string variables, string expected)
    {
        var errors = Errors(StartOnly($$"""{"extraction_enabled":true,"extraction_variables":{{variables}}}"""));

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void TooManyExtractionVariables_AreRefused()
    {
        var many = string.Join(",", Enumerable.Range(0, AgentDefinition.MaxExtractionVariablesPerNode + 1).Select(i => $$"""{"name":"v{{i}}","type":"string"}"""));

        var errors = Errors(StartOnly($$"""{"extraction_variables":[{{many}}]}"""));

        Assert.Contains(errors, e => e.Contains($"at most {AgentDefinition.MaxExtractionVariablesPerNode}", StringComparison.Ordinal));
    }

    [Fact]
    public void TransitionSpeech_IsRead_AndBlankCountsAsNone()
    {
        var definition = Valid("""
            {"nodes":[{"id":"s","type":"startCall"},{"id":"a","type":"agentNode"},{"id":"e","type":"endCall"}],
             "edges":[{"id":"e1","source":"s","target":"a","data":{"label":"go","condition":"c","transition_speech":"  "}},
                      {"id":"e2","source":"a","target":"e","data":{"label":"end","condition":"c","transition_speech":"Bye now."}}]}
            """);

        Assert.Null(definition.Edges[0].TransitionSpeech);
        Assert.Equal("Bye now.", definition.Edges[1].TransitionSpeech);
    }

    [Fact]
    public void TransitionSpeechOfTheWrongType_IsRefused_NamingTheEdge()
    {
        var errors = Errors("""
            {"nodes":[{"id":"s","type":"startCall"},{"id":"e","type":"endCall"}],
             "edges":[{"id":"e1","source":"s","target":"e","data":{"label":"end","condition":"c","transition_speech":true}}]}
            """);

        Assert.Contains(errors, e => e.Contains("edge 'e1': 'transition_speech' must be a string, not a boolean", StringComparison.Ordinal));
    }

    [Fact]
    public void ALabelGivingAToolNameLongerThanProvidersAccept_IsRefused_NamingTheEdge()
    {
        var label = new string('x', AgentDefinition.MaxToolNameLength + 1);

        var errors = Errors($$$"""
            {"nodes":[{"id":"s","type":"startCall"},{"id":"e","type":"endCall"}],
             "edges":[{"id":"long","source":"s","target":"e","data":{"label":"{{{label}}}","condition":"c"}}]}
            """);

        Assert.Contains(errors, e => e.Contains("edge 'long' has a label longer than 64 characters", StringComparison.Ordinal));
    }

    [Fact]
    public void DuplicateJsonProperties_AreAnError_NotAnException()
    {
        var errors = Errors("""{"nodes":[{"id":"s","id":"t","type":"startCall"}]}""");

        Assert.Contains(errors, e => e.Contains("not valid JSON", StringComparison.Ordinal));
    }

    [Fact]
    public void AnOversizedDefinition_IsRefused()
    {
        var errors = Errors(new string(' ', AgentDefinition.MaxJsonLength + 1));

        Assert.Contains(errors, e => e.Contains("larger than", StringComparison.Ordinal));
    }

    private static string StartOnly(string startData) => $$$"""
        {"nodes":[{"id":"s","type":"startCall","data":{{{startData}}}},{"id":"e","type":"endCall"}],
         "edges":[{"id":"e1","source":"s","target":"e","data":{"label":"end","condition":"c"}}]}
        """;

    private static AgentNode Node(AgentDefinition definition, string id) => definition.Nodes.Single(n => n.Id == id);

    private static AgentDefinition Valid(string json)
    {
        var parsed = AgentDefinition.Parse(json);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        return parsed.Definition!;
    }

    private static IReadOnlyList<string> Errors(string json)
    {
        var parsed = AgentDefinition.Parse(json);
        Assert.False(parsed.IsValid);
        return parsed.Errors;
    }
}
