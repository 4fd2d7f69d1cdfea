namespace CleanAgent.Web.Api.ApiKeys;

/// <param name="ApiKey">The key itself: this response is the only time it is shown.</param>
public sealed record CreatedApiKeyResponse(Guid Id, string Name, string DisplayPrefix, DateTime CreatedAt, string ApiKey);
