namespace CleanAgent.Web.Api.ApiKeys;

public sealed record CreateApiKeyRequest(string Name);
