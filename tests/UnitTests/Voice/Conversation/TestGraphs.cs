using CleanAgent.Application.Voice.Conversation;
using CleanAgent.Domain.Agents;
using CleanAgent.Domain.Agents.Definitions;

namespace CleanAgent.UnitTests.Voice.Conversation;

/// <summary>Small graphs for engine tests, parsed through the real parsers.</summary>
internal static class TestGraphs
{
    /// <summary>start → (go) → help → (finish) → bye; a global node; "help" extracts two variables.</summary>
    public const string Support = """
        {"nodes":[
           {"id":"start","type":"startCall","data":{"name":"Start","prompt":"Welcome {{caller_name}} to {{company}}.","greeting":"Hello {{caller_name}}, this is {{company}}."}},
           {"id":"help","type":"agentNode","data":{"name":"Help","prompt":"Help with order {{order_id}}.",
              "extraction_enabled":true,"extraction_prompt":"Focus on the order of {{caller_name}}.",
              "extraction_variables":[{"name":"order_id","type":"string","prompt":"The order number"},
                                      {"name":"amount","type":"number","prompt":"The amount in dollars"},
                                      {"name":"is_urgent","type":"boolean"}]}},
           {"id":"bye","type":"endCall","data":{"name":"Bye","prompt":"Say goodbye to {{caller_name}}."}},
           {"id":"global","type":"globalNode","data":{"name":"Persona","prompt":"You work for {{company}}."}}],
         "edges":[
           {"id":"e1","source":"start","target":"help","data":{"label":"Go","condition":"The caller needs help"}},
           {"id":"e2","source":"help","target":"bye","data":{"label":"Finish","condition":"The caller is done","transition_speech":"Thanks, {{caller_name}}."}},
           {"id":"e3","source":"start","target":"bye","data":{"label":"Hang up","condition":"The caller wants nothing"}}]}
        """;

    public static ConversationGraph Parse(string definitionJson, string? configurationsJson = null)
    {
        var definition = AgentDefinition.Parse(definitionJson);
        Assert.True(definition.IsValid, string.Join("; ", definition.Errors));
        var configurations = AgentConfigurations.Parse(configurationsJson);
        Assert.True(configurations.IsValid, string.Join("; ", configurations.Errors));
        return ConversationGraph.From(definition.Definition!, configurations.Configurations);
    }

    public static ConversationEngine SupportEngine(
        IReadOnlyDictionary<string, string>? initialContext = null,
        IReadOnlyDictionary<string, string>? customParameters = null) =>
        new(Parse(Support), initialContext ?? new Dictionary<string, string> { ["caller_name"] = "Ann", ["company"] = "Acme" }, customParameters);
}
