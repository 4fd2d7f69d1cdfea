using CleanAgent.Application.Voice.Conversation;
using CleanAgent.Domain.Agents.Definitions;
using Microsoft.Extensions.AI;

namespace CleanAgent.UnitTests.Voice.Conversation;

/// <summary>
/// The Dograh export of agent-definition.md, imported unchanged, through a whole scripted call: greeting,
/// an invoice question, the billing node, "Done" with its transition speech, and the goodbye of the end node.
/// The LLM is a scripted <see cref="IChatClient"/>; the loop below is the shape the voice agent drives.
/// </summary>
public sealed class DograhExportConversationTests
{
    // Verbatim from docs/agent-definition.md.
    private const string DograhExport = """
        {
          "nodes": [
            {"id": "start", "type": "startCall", "position": {"x": 0, "y": 0},
             "data": {"name": "Greeting", "prompt": "You are Acme's receptionist. Find out what the caller needs.",
                      "greeting": "Hi, this is Acme. How can I help?", "allow_interrupt": true}},
            {"id": "billing", "type": "agentNode", "position": {"x": 300, "y": 0},
             "data": {"name": "Billing", "prompt": "Help with the invoice question. Be brief.", "allow_interrupt": true}},
            {"id": "end", "type": "endCall", "position": {"x": 600, "y": 0},
             "data": {"name": "Goodbye", "prompt": "Thank the caller and say goodbye."}},
            {"id": "global", "type": "globalNode", "position": {"x": 0, "y": 200},
             "data": {"name": "Persona", "prompt": "Speak in short sentences. Never invent account data."}}
          ],
          "edges": [
            {"id": "e1", "source": "start", "target": "billing",
             "data": {"label": "Billing question", "condition": "The caller asks about an invoice or payment"}},
            {"id": "e2", "source": "billing", "target": "end",
             "data": {"label": "Done", "condition": "The question is answered", "transition_speech": "Glad I could help."}}
          ]
        }
        """;

    private const string Persona = "Speak in short sentences. Never invent account data.";

    [Fact]
    public async Task ImportedUnchanged_ItHoldsTheWholeCall_FromGreetingToAgentEnded()
    {
        var definition = AgentDefinition.Parse(DograhExport);
        Assert.True(definition.IsValid, string.Join("; ", definition.Errors));
        Assert.Equal(DograhExport, definition.Definition!.Json);
        var engine = new ConversationEngine(ConversationGraph.From(definition.Definition), new Dictionary<string, string> { ["caller_number"] = "+15550100" });
        var llm = new ScriptedChatClient(
            ScriptedChatClient.CallsTool("call_1", "billing_question"),
            ScriptedChatClient.Says("Sure. What is the invoice number?"),
            ScriptedChatClient.CallsTool("call_2", "done"),
            ScriptedChatClient.Says("Thank you for calling Acme. Goodbye!"));
        var spoken = new List<string>();

        // Greeting first, spoken as written: no LLM call.
        var opening = engine.Begin();
        Assert.Equal("Hi, this is Acme. How can I help?", opening.Greeting);
        Speak(engine, spoken, opening.Greeting!);
        Assert.Empty(llm.Calls);

        engine.AddCallerText("I have a question about my invoice.");
        await AgentTurnAsync(engine, llm, spoken);

        Assert.Equal("billing", engine.CurrentNode.Id);
        engine.AddCallerText("It's number 1234. Oh, I see it's paid. Thanks!");
        var ending = await AgentTurnAsync(engine, llm, spoken);

        Assert.True(ending!.EndsCall);
        Assert.Equal("agent_ended", engine.EndReason?.Code);
        Assert.Equal(["start", "billing", "end"], engine.NodesVisited);
        Assert.Equal(
            ["Hi, this is Acme. How can I help?", "Sure. What is the invoice number?", "Glad I could help.", "Thank you for calling Acme. Goodbye!"],
            spoken);

        // What the LLM was given on each call.
        Assert.Equal(4, llm.Calls.Count);
        var (startMessages, startOptions) = llm.Calls[0];
        Assert.Equal($"{Persona}\n\nYou are Acme's receptionist. Find out what the caller needs.", startMessages[0].Text);
        var startTool = Assert.IsAssignableFrom<AIFunctionDeclaration>(Assert.Single(startOptions!.Tools!));
        Assert.Equal("billing_question", startTool.Name);
        Assert.Equal("The caller asks about an invoice or payment", startTool.Description);
        Assert.Equal([ChatRole.System, ChatRole.Assistant, ChatRole.User], startMessages.Select(m => m.Role));

        // Same turn, new node: the tool call and its result precede the billing prompt's first answer.
        var (billingMessages, billingOptions) = llm.Calls[1];
        Assert.Equal($"{Persona}\n\nHelp with the invoice question. Be brief.", billingMessages[0].Text);
        Assert.Equal(["done"], billingOptions!.Tools!.Select(t => t.Name));
        Assert.Equal("call_1", billingMessages[^2].Contents.OfType<FunctionCallContent>().Single().CallId);
        Assert.Equal("call_1", billingMessages[^1].Contents.OfType<FunctionResultContent>().Single().CallId);

        // The goodbye: the end node's prompt alone (no global prompt on endCall), no tools.
        var (goodbyeMessages, goodbyeOptions) = llm.Calls[3];
        Assert.Equal("Thank the caller and say goodbye.", goodbyeMessages[0].Text);
        Assert.Null(goodbyeOptions!.Tools);
        Assert.Equal("Glad I could help.", goodbyeMessages[^1].Text);
        Assert.Equal("call_2", goodbyeMessages[^2].Contents.OfType<FunctionResultContent>().Single().CallId);
    }

    /// <summary>One agent turn as the voice agent runs it: ask, speak, follow a transition, ask again.</summary>
#pragma warning disable CA1859 // written against IChatClient on purpose: the voice agent holds no more than that
    private static async Task<TransitionResult?> AgentTurnAsync(ConversationEngine engine, IChatClient llm, List<string> spoken)
    {
        TransitionResult? last = null;
        for (var step = 0; step < 4; step++)
        {
            var response = await llm.GetResponseAsync(engine.BuildChatMessages(), engine.BuildChatOptions());
            if (!string.IsNullOrWhiteSpace(response.Text)) Speak(engine, spoken, response.Text);

            var call = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().FirstOrDefault();
            if (call is null || engine.IsEnding) return last;

            last = engine.TakeTransition(call.Name, call.CallId);
            if (last.TransitionSpeech is { } speech) Speak(engine, spoken, speech);
        }

        return last;
    }
#pragma warning restore CA1859

    private static void Speak(ConversationEngine engine, List<string> spoken, string text)
    {
        spoken.Add(text);
        engine.RecordAgentReply(text, interrupted: false);
    }
}
