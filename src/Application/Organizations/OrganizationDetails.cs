namespace CleanAgent.Application.Organizations;

/// <param name="ActiveCalls">Calls holding a call slot now, across every server process.</param>
/// <param name="MinutesThisMonth">Minutes of calls started this UTC month, calls in progress included (as admission counts them).</param>
public sealed record OrganizationDetails(Guid Id, string Name, int ConcurrentCallLimit, int? MonthlyMinutes, int ActiveCalls, double MinutesThisMonth, DateTime CreatedAt);
