namespace CleanAgent.Application.Organizations;

/// <param name="MonthlyMinutes">Call minutes allowed per calendar month (UTC); null is unlimited.</param>
public sealed record OrganizationSummary(Guid Id, string Name, int ConcurrentCallLimit, int? MonthlyMinutes, DateTime CreatedAt);
