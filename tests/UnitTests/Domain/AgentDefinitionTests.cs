using CleanAgent.Domain.Agents.Definitions;

namespace CleanAgent.UnitTests.Domain;

public sealed class AgentDefinitionTests
{
    private const string DocumentationExample = """
        {
          "nodes": [
            {"id": "start", "type": "startCall", "position": {"x": 0, "y": 0},
             "data": {"name": "Greeting", "prompt": "You are Acme's receptionist.", "greeting": "Hi, this is Acme.", "allow_interrupt": true}},
            {"id": "billing", "type": "agentNode", "position": {"x": 300, "y": 0},
             "data": {"name": "Billing", "prompt": "Help with the invoice question.", "allow_interrupt": true}},
            {"id": "end", "type": "endCall", "position": {"x": 600, "y": 0},
             "data": {"name": "Goodbye", "prompt": "Thank the caller and say goodbye."}},
            {"id": "global", "type": "globalNode", "position": {"x": 0, "y": 200},
             "data": {"name": "Persona", "prompt": "Speak in short sentences."}},
            {"id": "note", "type": "stickyNote", "data": {"text": "kept, ignored"}}
          ],
          "edges": [
            {"id": "e1", "source": "start", "target": "billing",
             "data": {"label": "Billing question", "condition": "The caller asks about an invoice"}},
            {"id": "e2", "source": "billing", "target": "end",
             "data": {"label": "Done", "condition": "The question is answered", "transition_speech": "Glad I could help."}}
          ]
        }
        """;

    [Fact]
    public void DocumentationExample_IsValid_AndTypedForTheRuntime()
    {
        var parsed = AgentDefinition.Parse(DocumentationExample);

        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        var definition = parsed.Definition!;
        Assert.Equal("start", definition.StartNode.Id);
        Assert.Equal("Hi, this is Acme.", definition.StartNode.Greeting);
        Assert.Equal("global", definition.GlobalNode!.Id);
        Assert.Equal(4, definition.Nodes.Count); // the unknown node type is ignored by the runtime...
        Assert.Contains("stickyNote", definition.Json, StringComparison.Ordinal); // ...but kept as imported
        Assert.Equal("billing_question", definition.Edges[0].ToolName);
        Assert.Equal("Glad I could help.", definition.Edges[1].TransitionSpeech);
        Assert.False(definition.Nodes.Single(n => n.Id == "end").AddGlobalPrompt);
        Assert.True(definition.Nodes.Single(n => n.Id == "billing").AddGlobalPrompt);
        Assert.True(definition.Nodes.Single(n => n.Id == "billing").AllowInterrupt);
    }

    [Fact]
    public void MinimalGraph_IsValid()
    {
        Assert.True(AgentDefinition.Parse(AgentDefinition.MinimalJson).IsValid);
    }

    [Theory]
    [InlineData("Billing question", "billing_question")]
    [InlineData("Talk-to a HUMAN!", "talk_to_a_human_")]
    [InlineData("Step 2", "step_2")]
    public void ToolName_IsTheLabelLowerCasedWithNonAlphanumericsAsUnderscores(string label, string expected)
    {
        Assert.Equal(expected, AgentEdge.ToToolName(label));
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "JSON object")]
    [InlineData("{}", "'nodes'")]
    public void NotAGraph_IsRefused(string json, string expected)
    {
        var parsed = AgentDefinition.Parse(json);

        Assert.False(parsed.IsValid);
        Assert.Contains(parsed.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void NoStartNode_IsRefused()
    {
        var errors = Errors("""{"nodes":[{"id":"end","type":"endCall","data":{}}],"edges":[]}""");

        Assert.Contains(errors, e => e.Contains("exactly one startCall", StringComparison.Ordinal));
    }

    [Fact]
    public void TwoStartNodes_AreRefused()
    {
        var errors = Errors("""{"nodes":[{"id":"a","type":"startCall"},{"id":"b","type":"startCall"}]}""");

        Assert.Contains(errors, e => e.Contains("exactly one startCall", StringComparison.Ordinal));
    }

    [Fact]
    public void StartNodeWithIncomingEdge_IsRefused_NamingTheNode()
    {
        var errors = Errors("""
            {"nodes":[{"id":"s","type":"startCall"},{"id":"a","type":"agentNode"}],
             "edges":[{"id":"e1","source":"s","target":"a","data":{"label":"go","condition":"c"}},
                      {"id":"e2","source":"a","target":"s","data":{"label":"back","condition":"c"}}]}
            """);

        Assert.Contains(errors, e => e.Contains("node 's' (startCall) must not have incoming edges", StringComparison.Ordinal));
    }

    [Fact]
    public void AgentNodeWithoutIncomingEdge_IsRefused_NamingTheNode()
    {
        var errors = Errors("""{"nodes":[{"id":"s","type":"startCall"},{"id":"lonely","type":"agentNode"}]}""");

        Assert.Contains(errors, e => e.Contains("node 'lonely' (agentNode)", StringComparison.Ordinal));
    }

    [Fact]
    public void EndNodeWithOutgoingEdge_IsRefused_NamingTheNode()
    {
        var errors = Errors("""
            {"nodes":[{"id":"s","type":"startCall"},{"id":"bye","type":"endCall"},{"id":"a","type":"agentNode"}],
             "edges":[{"id":"e1","source":"s","target":"bye","data":{"label":"end","condition":"c"}},
                      {"id":"e2","source":"bye","target":"a","data":{"label":"more","condition":"c"}}]}
            """);

        Assert.Contains(errors, e => e.Contains("node 'bye' (endCall) must not have outgoing edges", StringComparison.Ordinal));
    }

    [Fact]
    public void GlobalNodeRules_AtMostOne_AndNoEdges()
    {
        var errors = Errors("""
            {"nodes":[{"id":"s","type":"startCall"},{"id":"g1","type":"globalNode"},{"id":"g2","type":"globalNode"}],
             "edges":[{"id":"e1","source":"s","target":"g1","data":{"label":"x","condition":"c"}}]}
            """);

        Assert.Contains(errors, e => e.Contains("at most one globalNode", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("node 'g1' (globalNode) must not have edges", StringComparison.Ordinal));
    }

    [Fact]
    public void EdgeWithoutLabelOrCondition_IsRefused_NamingTheEdge()
    {
        var errors = Errors("""
            {"nodes":[{"id":"s","type":"startCall"},{"id":"a","type":"agentNode"}],
             "edges":[{"id":"e9","source":"s","target":"a","data":{}}]}
            """);

        Assert.Contains(errors, e => e.Contains("edge 'e9' needs a 'label'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("edge 'e9' needs a 'condition'", StringComparison.Ordinal));
    }

    [Fact]
    public void EdgeToAnUnknownNode_IsRefused_NamingTheEdge()
    {
        var errors = Errors("""
            {"nodes":[{"id":"s","type":"startCall"}],
             "edges":[{"id":"e1","source":"s","target":"ghost","data":{"label":"x","condition":"c"}}]}
            """);

        Assert.Contains(errors, e => e.Contains("edge 'e1' ends at unknown node 'ghost'", StringComparison.Ordinal));
    }

    [Fact]
    public void DuplicateNodeIds_AreRefused()
    {
        var errors = Errors("""{"nodes":[{"id":"s","type":"startCall"},{"id":"s","type":"endCall"}]}""");

        Assert.Contains(errors, e => e.Contains("node 's' appears 2 times", StringComparison.Ordinal));
    }

    [Fact]
    public void TwoEdgesOfANodeGivingTheSameToolName_AreRefused()
    {
        var errors = Errors("""
            {"nodes":[{"id":"s","type":"startCall"},{"id":"a","type":"agentNode"},{"id":"b","type":"agentNode"}],
             "edges":[{"id":"e1","source":"s","target":"a","data":{"label":"Next step","condition":"c"}},
                      {"id":"e2","source":"s","target":"b","data":{"label":"next-step","condition":"c"}}]}
            """);

        Assert.Contains(errors, e => e.Contains("same tool name 'next_step'", StringComparison.Ordinal));
    }

    private static IReadOnlyList<string> Errors(string json)
    {
        var parsed = AgentDefinition.Parse(json);
        Assert.False(parsed.IsValid);
        return parsed.Errors;
    }
}
