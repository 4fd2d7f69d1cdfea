using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CleanAgent.Domain.Agents.Definitions;
using Microsoft.Extensions.AI;

namespace CleanAgent.Application.Voice.Conversation;

/// <summary>
/// The two halves of a node's variable extraction: the request (a JSON schema of the node's typed variables
/// and a transcript of the conversation), and the reading of the LLM's answer, which is untrusted text.
/// </summary>
internal static class VariableExtraction
{
    /// <summary>A bound on the answer read; a real one is a few hundred bytes.</summary>
    public const int MaxAnswerLength = 64 * 1024;

    /// <summary>A gathered value goes into later prompts; longer text is cut to this.</summary>
    public const int MaxValueLength = 1000;

    /// <summary>The transcript sent is the end of the conversation when it is longer than this.</summary>
    public const int MaxTranscriptLength = 32 * 1024;

    public const string SchemaName = "extracted_variables";

    private const string Instructions =
        "You extract structured data from a phone conversation between a caller and an agent. " +
        "Answer with only a JSON object whose keys are exactly the requested variables. " +
        "Use null for a variable the conversation does not give.";

    public static VariableExtractionRequest BuildRequest(
        AgentNode node, IEnumerable<ChatMessage> history, IReadOnlyDictionary<string, string> context, string? modelId)
    {
        var system = node.ExtractionPrompt is { } prompt
            ? $"{Instructions}\n\n{PromptTemplate.Render(prompt, context)}"
            : Instructions;

        var user = new StringBuilder("Variables to extract:\n");
        foreach (var variable in node.ExtractionVariables)
            user.Append("- ").Append(variable.Name).Append(" (").Append(WireName(variable.Type)).Append(')')
                .Append(variable.Prompt is { } hint ? $": {hint}" : string.Empty).Append('\n');
        user.Append("\nConversation:\n").Append(Transcript(history));

        var options = new ChatOptions
        {
            ResponseFormat = ChatResponseFormat.ForJsonSchema(Schema(node), SchemaName, $"The variables of '{node.Name}' found in the conversation."),
            Temperature = 0,
            ModelId = modelId,
        };
        return new VariableExtractionRequest(node, [new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, user.ToString())], options);
    }

    /// <summary>
    /// Every variable is required and may be null, and no other key is allowed: the shape OpenAI's strict
    /// structured outputs demand, and one that still lets the model say "not given".
    /// </summary>
    public static JsonElement Schema(AgentNode node)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var variable in node.ExtractionVariables)
        {
            properties[variable.Name] = new JsonObject
            {
                ["type"] = new JsonArray(WireName(variable.Type), "null"),
                ["description"] = variable.Prompt ?? variable.Name,
            };
            required.Add(variable.Name);
        }

        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = required,
            ["additionalProperties"] = false,
        };
        using var document = JsonDocument.Parse(schema.ToJsonString());
        return document.RootElement.Clone();
    }

    /// <summary>Reads the LLM's answer. Never throws: whatever is wrong is left out with a reason.</summary>
    public static ExtractionOutcome ReadAnswer(AgentNode node, string? answer)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        if (!node.NeedsExtraction)
        {
            problems.Add($"node '{node.Id}' has no variables to extract.");
            return new ExtractionOutcome(values, problems);
        }

        if (string.IsNullOrWhiteSpace(answer))
        {
            problems.Add("The extractor answered nothing.");
            return new ExtractionOutcome(values, problems);
        }

        if (answer.Length > MaxAnswerLength)
        {
            problems.Add($"The extractor's answer is longer than {MaxAnswerLength / 1024} KiB; it was ignored.");
            return new ExtractionOutcome(values, problems);
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(WithoutCodeFence(answer), documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 16 });
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            // ArgumentException: a lone UTF-16 surrogate, which no JSON text can carry.
            problems.Add($"The extractor's answer is not valid JSON ({ex.Message}); it was ignored.");
            return new ExtractionOutcome(values, problems);
        }

        if (root is not JsonObject answerObject)
        {
            problems.Add("The extractor's answer is not a JSON object; it was ignored.");
            return new ExtractionOutcome(values, problems);
        }

        var declared = node.ExtractionVariables.ToDictionary(v => v.Name, StringComparer.Ordinal);
        foreach (var (key, _) in answerObject)
            if (!declared.ContainsKey(key)) problems.Add($"'{Shorten(key)}' is not a variable of node '{node.Id}'; it was ignored.");

        foreach (var variable in node.ExtractionVariables)
        {
            if (!answerObject.TryGetPropertyValue(variable.Name, out var value))
            {
                problems.Add($"'{variable.Name}' is missing from the answer.");
                continue;
            }

            if (value is null) continue; // not given in the conversation: nothing to gather, nothing wrong

            var text = ReadValue(variable, value, problems);
            if (text is not null) values[variable.Name] = text;
        }

        return new ExtractionOutcome(values, problems);
    }

    private static string? ReadValue(ExtractionVariable variable, JsonNode value, List<string> problems)
    {
        var kind = value.GetValueKind();
        switch (variable.Type)
        {
            case ExtractionVariableType.Text when kind == JsonValueKind.String:
                var text = value.GetValue<string>().Trim();
                if (text.Length == 0) return null;
                if (text.Length <= MaxValueLength) return text;
                problems.Add($"'{variable.Name}' was longer than {MaxValueLength} characters; it was cut.");
                return text[..MaxValueLength];

            case ExtractionVariableType.Number when kind == JsonValueKind.Number:
                return Number(value.ToJsonString(), variable, problems);

            case ExtractionVariableType.Boolean when kind is JsonValueKind.True or JsonValueKind.False:
                return kind == JsonValueKind.True ? "true" : "false";

            default:
                problems.Add($"'{variable.Name}' should be {WireName(variable.Type)} but is {Describe(kind)}; it was ignored.");
                return null;
        }
    }

    /// <summary>Invariant, without exponent or trailing zeros when the number fits a decimal ("1.50" → "1.5").</summary>
    private static string? Number(string raw, ExtractionVariable variable, List<string> problems)
    {
        if (decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact))
            return (exact / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
        if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var approximate) && double.IsFinite(approximate))
            return approximate.ToString("R", CultureInfo.InvariantCulture);

        problems.Add($"'{variable.Name}' is a number out of range; it was ignored.");
        return null;
    }

    /// <summary>The caller's and the agent's words, one line each; tool calls and results are not conversation.</summary>
    private static string Transcript(IEnumerable<ChatMessage> history)
    {
        var transcript = new StringBuilder();
        foreach (var message in history)
        {
            var speaker = message.Role == ChatRole.User ? "caller" : message.Role == ChatRole.Assistant ? "agent" : null;
            var text = message.Text;
            if (speaker is null || string.IsNullOrWhiteSpace(text)) continue;
            transcript.Append(speaker).Append(": ").Append(text.ReplaceLineEndings(" ")).Append('\n');
        }

        return transcript.Length <= MaxTranscriptLength
            ? transcript.ToString()
            : transcript.ToString(transcript.Length - MaxTranscriptLength, MaxTranscriptLength);
    }

    /// <summary>Servers that ignore the response format still tend to wrap JSON in a Markdown fence.</summary>
    private static string WithoutCodeFence(string answer)
    {
        var text = answer.Trim();
        if (!text.StartsWith("```", StringComparison.Ordinal)) return text;
        var firstLineEnd = text.IndexOf('\n', StringComparison.Ordinal);
        if (firstLineEnd < 0) return text;
        text = text[(firstLineEnd + 1)..].TrimEnd();
        return text.EndsWith("```", StringComparison.Ordinal) ? text[..^3] : text;
    }

    private static string WireName(ExtractionVariableType type) => type switch
    {
        ExtractionVariableType.Number => "number",
        ExtractionVariableType.Boolean => "boolean",
        _ => "string",
    };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Shorten(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "…");
}
