using CleanAgent.Domain.Runs;

namespace CleanAgent.Application.Calls;

/// <summary>How a call ended: the run's end reason (which says whether the run completes or fails) and, for a fault, what went wrong.</summary>
public sealed record CallOutcome(RunEndReason Reason, Exception? Fault = null);
