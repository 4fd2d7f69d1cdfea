using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CleanAgent.UnitTests.Fuzzing;

/// <summary>
/// Deterministic mutations of a JSON document for fuzzing parsers: byte-level damage (cuts, insertions,
/// repeats) and structural damage (a value swapped for another of any type, or one that is deeply nested,
/// huge, or holds a lone surrogate). The same seed gives the same inputs, so a failure can be replayed.
/// </summary>
internal sealed class JsonMutator(int seed)
{
    private const string Alphabet = "{}[]\",:\\ 0123456789.-eEtruefalsn\u00e9\u20ac\ud800\n\t";

    private readonly Random _random = new(seed);

    public int Seed { get; } = seed;

    public string Mutate(string json)
    {
        var rounds = _random.Next(1, 4);
        for (var i = 0; i < rounds; i++)
            json = _random.Next(5) switch
            {
                0 => Cut(json),
                1 => Insert(json),
                2 => Repeat(json),
                _ => ReplaceValue(json),
            };
        return json;
    }

    private string Cut(string json)
    {
        if (json.Length == 0) return json;
        var start = _random.Next(json.Length);
        var length = _random.Next(1, Math.Min(20, json.Length - start) + 1);
        return json.Remove(start, length);
    }

    private string Insert(string json)
    {
        var text = new StringBuilder();
        var count = _random.Next(1, 6);
        for (var i = 0; i < count; i++) text.Append(Alphabet[_random.Next(Alphabet.Length)]);
        return json.Insert(_random.Next(json.Length + 1), text.ToString());
    }

    private string Repeat(string json)
    {
        if (json.Length == 0) return json;
        var start = _random.Next(json.Length);
        var length = _random.Next(1, Math.Min(60, json.Length - start) + 1);
        return json.Insert(start, json.Substring(start, length));
    }

    /// <summary>Swaps one value anywhere in the tree for a random one; falls back to a cut when the input no longer parses.</summary>
    private string ReplaceValue(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (Exception)
        {
            return Cut(json);
        }

        if (root is null) return RandomValue(0)?.ToJsonString() ?? "null";
        var containers = new List<JsonNode>();
        Collect(root, containers);
        var parent = containers[_random.Next(containers.Count)];
        switch (parent)
        {
            case JsonObject obj when obj.Count > 0:
                var key = obj.ElementAt(_random.Next(obj.Count)).Key;
                obj[key] = RandomValue(0);
                break;
            case JsonObject obj:
                obj["extra"] = RandomValue(0);
                break;
            case JsonArray array when array.Count > 0:
                array[_random.Next(array.Count)] = RandomValue(0);
                break;
            case JsonArray array:
                array.Add(RandomValue(0));
                break;
        }

        try
        {
            return root.ToJsonString();
        }
        catch (ArgumentException)
        {
            return Cut(json); // the writer refuses the lone surrogate; the raw inserts still cover it
        }
    }

    private static void Collect(JsonNode node, List<JsonNode> containers)
    {
        switch (node)
        {
            case JsonObject obj:
                containers.Add(obj);
                foreach (var (_, child) in obj)
                    if (child is not null) Collect(child, containers);
                break;
            case JsonArray array:
                containers.Add(array);
                foreach (var child in array)
                    if (child is not null) Collect(child, containers);
                break;
        }

        if (containers.Count == 0) containers.Add(new JsonObject());
    }

    private JsonNode? RandomValue(int depth) => _random.Next(depth > 3 ? 8 : 11) switch
    {
        0 => null,
        1 => JsonValue.Create(_random.Next(2) == 0),
        2 => JsonValue.Create(_random.Next(-100_000, 100_000)),
        3 => JsonValue.Create(_random.NextDouble() * Math.Pow(10, _random.Next(-10, 300))),
        4 => JsonValue.Create(""),
        5 => JsonValue.Create(new string('x', _random.Next(1, 5000))),
        6 => JsonValue.Create(_random.Next(3) switch { 0 => "startCall", 1 => "endCall", _ => "agentNode" }),
        7 => JsonValue.Create("{{name}} \ud800 ¿"),
        8 => new JsonArray(RandomValue(depth + 1), RandomValue(depth + 1)),
        9 => new JsonObject { ["name"] = RandomValue(depth + 1), ["type"] = RandomValue(depth + 1), ["label"] = RandomValue(depth + 1) },
        _ => Nested(_random.Next(1, 100)),
    };

    private static JsonNode Nested(int depth)
    {
        JsonNode node = new JsonArray();
        for (var i = 0; i < depth; i++) node = new JsonArray(node);
        return node;
    }
}
