using System.Text.Json;

namespace CleanAgent.Web.Api.Agents;

/// <param name="Configurations">None: the draft keeps the configurations it has (a new draft: the latest version's).</param>
public sealed record SaveDraftRequest(JsonElement Definition, JsonElement? Configurations);
