using System.Text.Json;
using System.Text.Json.Nodes;

namespace CleanAgent.Domain.Common;

/// <summary>
/// Typed reads of JSON fields that tell "absent" from "present with the wrong type", so parsers can name the
/// field at fault instead of silently using a default. JSON <c>null</c> counts as absent: Dograh's stores
/// write explicit nulls for fields nobody set.
/// </summary>
internal static class JsonFields
{
    /// <summary>
    /// Duplicate property names are refused at parse time: <see cref="JsonObject"/> would otherwise throw on
    /// first access, far from the parser's error handling.
    /// </summary>
    public static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        AllowDuplicateProperties = false,
        MaxDepth = 64,
    };

    /// <summary>
    /// Parses untrusted JSON text. Never throws: besides malformed JSON, a string holding a lone UTF-16
    /// surrogate (which no UTF-8 JSON can carry) is reported as an error.
    /// </summary>
    public static bool TryParse(string json, out JsonNode? root, out string? error)
    {
        try
        {
            root = JsonNode.Parse(json, documentOptions: DocumentOptions);
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            root = null;
            error = ex.Message;
            return false;
        }
        catch (ArgumentException)
        {
            root = null;
            error = "the text holds a character that is not valid UTF-16.";
            return false;
        }
    }

    /// <returns>False when the field is present but not a string.</returns>
    public static bool TryGetString(JsonObject? obj, string name, out string? value)
    {
        value = null;
        var node = obj?[name];
        if (node is null) return true;
        if (node is JsonValue json && json.GetValueKind() == JsonValueKind.String)
        {
            value = json.GetValue<string>();
            return true;
        }

        return false;
    }

    /// <returns>False when the field is present but not <c>true</c> or <c>false</c>.</returns>
    public static bool TryGetBool(JsonObject? obj, string name, out bool? value)
    {
        value = null;
        var node = obj?[name];
        if (node is null) return true;
        switch (node.GetValueKind())
        {
            case JsonValueKind.True:
                value = true;
                return true;
            case JsonValueKind.False:
                value = false;
                return true;
            default:
                return false;
        }
    }

    /// <summary>A short name of a JSON value's kind, for error messages (never the value: it may be huge).</summary>
    public static string KindOf(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
