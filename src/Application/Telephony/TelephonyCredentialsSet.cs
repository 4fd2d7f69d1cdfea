namespace CleanAgent.Application.Telephony;

/// <param name="Replaced">True when the organization already had credentials at this provider.</param>
public sealed record TelephonyCredentialsSet(Guid OrganizationId, string Provider, string AccountSid, bool Replaced, DateTime UpdatedAt);
