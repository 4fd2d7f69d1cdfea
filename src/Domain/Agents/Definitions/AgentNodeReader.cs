using System.Text.Json.Nodes;
using CleanAgent.Domain.Common;

namespace CleanAgent.Domain.Agents.Definitions;

/// <summary>
/// Reads the <c>data</c> of one node of a known type into an <see cref="AgentNode"/>, applying the defaults
/// and naming the node in every error. A field the runtime uses that has the wrong type is an error rather
/// than a silent default: an agent that imports must behave as its author wrote it.
/// </summary>
internal static class AgentNodeReader
{
    private const int MaxExtractionVariables = AgentDefinition.MaxExtractionVariablesPerNode;
    private const int MaxVariableNameLength = AgentDefinition.MaxVariableNameLength;

    public static AgentNode Read(string id, AgentNodeType type, string wireType, JsonNode? dataNode, List<string> errors)
    {
        var at = $"node '{id}'";
        var data = dataNode as JsonObject;
        if (dataNode is not null && data is null) errors.Add($"{at} has a 'data' that is not an object.");

        var name = String(data, "name", at, errors);
        var prompt = String(data, "prompt", at, errors);
        var greeting = String(data, "greeting", at, errors);
        var greetingType = GreetingType(data, at, errors);
        var recordingId = String(data, "greeting_recording_id", at, errors);
        var allowInterrupt = Bool(data, "allow_interrupt", at, errors) ?? type == AgentNodeType.AgentNode;
        var addGlobalPrompt = Bool(data, "add_global_prompt", at, errors) ?? type != AgentNodeType.EndCall;
        var extractionEnabled = Bool(data, "extraction_enabled", at, errors) ?? false;
        var extractionPrompt = String(data, "extraction_prompt", at, errors);
        var variables = Variables(data, at, errors);

        return new AgentNode(id, type, wireType, name ?? id, prompt ?? string.Empty, greeting, allowInterrupt, addGlobalPrompt)
        {
            GreetingType = greetingType,
            GreetingRecordingId = recordingId,
            ExtractionEnabled = extractionEnabled,
            ExtractionPrompt = string.IsNullOrWhiteSpace(extractionPrompt) ? null : extractionPrompt,
            ExtractionVariables = variables,
        };
    }

    private static AgentGreetingType GreetingType(JsonObject? data, string at, List<string> errors)
    {
        var wire = String(data, "greeting_type", at, errors);
        switch (wire)
        {
            case null or "text":
                return AgentGreetingType.Text;
            case "audio":
                return AgentGreetingType.Audio;
            default:
                errors.Add($"{at} has greeting_type '{Shorten(wire)}'; expected 'text' or 'audio'.");
                return AgentGreetingType.Text;
        }
    }

    private static List<ExtractionVariable> Variables(JsonObject? data, string at, List<string> errors)
    {
        var variables = new List<ExtractionVariable>();
        var node = data?["extraction_variables"];
        if (node is null) return variables;
        if (node is not JsonArray array)
        {
            errors.Add($"{at}: 'extraction_variables' must be an array, not {JsonFields.KindOf(node)}.");
            return variables;
        }

        if (array.Count > MaxExtractionVariables)
        {
            errors.Add($"{at} has {array.Count} extraction variables; at most {MaxExtractionVariables} are allowed.");
            return variables;
        }

        for (var i = 0; i < array.Count; i++)
        {
            var where = $"{at}: extraction_variables[{i}]";
            if (array[i] is not JsonObject entry)
            {
                errors.Add($"{where} is not an object.");
                continue;
            }

            var errorsBefore = errors.Count;
            var name = String(entry, "name", where, errors)?.Trim();
            var typeName = String(entry, "type", where, errors);
            var prompt = String(entry, "prompt", where, errors);
            if (errors.Count > errorsBefore) continue;

            if (string.IsNullOrEmpty(name))
            {
                errors.Add($"{where} needs a 'name'.");
                continue;
            }

            if (name.Length > MaxVariableNameLength)
            {
                errors.Add($"{where} has a name longer than {MaxVariableNameLength} characters.");
                continue;
            }

            ExtractionVariableType? type = typeName switch
            {
                "string" => ExtractionVariableType.Text,
                "number" => ExtractionVariableType.Number,
                "boolean" => ExtractionVariableType.Boolean,
                _ => null,
            };
            if (type is null)
            {
                errors.Add(typeName is null
                    ? $"{where} ('{name}') needs a 'type': 'string', 'number' or 'boolean'."
                    : $"{where} ('{name}') has type '{Shorten(typeName)}'; expected 'string', 'number' or 'boolean'.");
                continue;
            }

            variables.Add(new ExtractionVariable(name, type.Value, string.IsNullOrWhiteSpace(prompt) ? null : prompt));
        }

        foreach (var duplicate in variables.GroupBy(v => v.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            errors.Add($"{at} has extraction variable '{duplicate.Key}' {duplicate.Count()} times; names must be unique within a node.");

        return variables;
    }

    private static string? String(JsonObject? obj, string field, string at, List<string> errors)
    {
        if (JsonFields.TryGetString(obj, field, out var value)) return value;
        errors.Add($"{at}: '{field}' must be a string, not {JsonFields.KindOf(obj![field]!)}.");
        return null;
    }

    private static bool? Bool(JsonObject? obj, string field, string at, List<string> errors)
    {
        if (JsonFields.TryGetBool(obj, field, out var value)) return value;
        errors.Add($"{at}: '{field}' must be true or false, not {JsonFields.KindOf(obj![field]!)}.");
        return null;
    }

    /// <summary>Echoes a bad value into an error without letting a hostile one flood the message.</summary>
    internal static string Shorten(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "…");
}
