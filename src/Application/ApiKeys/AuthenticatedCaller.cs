namespace CleanAgent.Application.ApiKeys;

public sealed record AuthenticatedCaller(Guid ApiKeyId, Guid OrganizationId);
