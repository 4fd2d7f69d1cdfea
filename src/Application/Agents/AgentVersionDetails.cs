using System.Text.Json;

namespace CleanAgent.Application.Agents;

/// <param name="Status"><c>draft</c>, <c>published</c> or <c>retired</c>.</param>
/// <param name="Definition">The conversation graph exactly as saved.</param>
/// <param name="Configurations">The version's settings beside the graph (<c>{}</c> for the server's).</param>
public sealed record AgentVersionDetails(Guid Id, int Number, string Status, JsonElement Definition, JsonElement Configurations, DateTime CreatedAt, DateTime? PublishedAt);
