namespace CleanAgent.UnitTests.Fuzzing;

/// <summary>Documents that use every field the parsers read, so mutations land on each of them.</summary>
internal static class FuzzSeeds
{
    public const string DefinitionWithEverything = """
        {
          "nodes": [
            {"id": "start", "type": "startCall", "position": {"x": 0, "y": 0},
             "data": {"name": "Greeting", "prompt": "You are {{company}}'s receptionist.", "greeting": "Hi {{caller_name}}!",
                      "greeting_type": "text", "allow_interrupt": false, "add_global_prompt": true,
                      "extraction_enabled": true, "extraction_prompt": "Find the reason.",
                      "extraction_variables": [{"name": "reason", "type": "string", "prompt": "Why they call"},
                                               {"name": "urgent", "type": "boolean"}]}},
            {"id": "billing", "type": "agentNode", "position": {"x": 300, "y": 0},
             "data": {"name": "Billing", "prompt": "Help with invoice {{invoice}}.", "allow_interrupt": true,
                      "extraction_enabled": true, "extraction_variables": [{"name": "amount", "type": "number", "prompt": "Amount"}]}},
            {"id": "end", "type": "endCall", "position": {"x": 600, "y": 0},
             "data": {"name": "Goodbye", "prompt": "Say goodbye.", "add_global_prompt": false}},
            {"id": "global", "type": "globalNode", "data": {"name": "Persona", "prompt": "Be brief."}},
            {"id": "hook", "type": "webhook", "data": {"url": "https://example.invalid"}}
          ],
          "edges": [
            {"id": "e1", "source": "start", "target": "billing", "data": {"label": "Billing question", "condition": "Invoice"}},
            {"id": "e2", "source": "billing", "target": "end", "data": {"label": "Done", "condition": "Answered", "transition_speech": "Glad I could help."}},
            {"id": "e3", "source": "start", "target": "end", "data": {"label": "Bye", "condition": "Nothing needed"}}
          ]
        }
        """;

    public const string Configurations = """
        {"max_call_duration": 600, "max_user_idle_timeout": 10, "recording": true, "dictionary": "Acme, invoice",
         "model_overrides": {"llm": {"model": "gpt-4o"}, "tts": {"voice": "nova", "model": "tts-1"}, "stt": {"model": "nova-3", "language": "en"}},
         "ambient_noise_configuration": {"enabled": false, "volume": 0.3}}
        """;
}
