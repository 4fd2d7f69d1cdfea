using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanAgent.Infrastructure.Persistence;

/// <summary>Stores a string map as one JSON text column (run contexts: schemaless by nature).</summary>
internal static class JsonDictionaryConversion
{
    public static PropertyBuilder<Dictionary<string, string>> HasJsonConversion(this PropertyBuilder<Dictionary<string, string>> property) =>
        property.HasConversion(
            value => JsonSerializer.Serialize(value, JsonSerializerOptions.Default),
            json => JsonSerializer.Deserialize<Dictionary<string, string>>(json, JsonSerializerOptions.Default) ?? new Dictionary<string, string>(),
            new ValueComparer<Dictionary<string, string>>(
                (a, b) => a != null && b != null && a.Count == b.Count && !a.Except(b).Any(),
                d => d.Aggregate(0, (hash, pair) => HashCode.Combine(hash, pair.Key, pair.Value)),
                d => new Dictionary<string, string>(d, StringComparer.Ordinal)));
}
