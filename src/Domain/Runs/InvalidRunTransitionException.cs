using CleanAgent.Domain.Common;

namespace CleanAgent.Domain.Runs;

public sealed class InvalidRunTransitionException(WorkflowRunState from, WorkflowRunState to)
    : DomainException($"A run cannot go from {from} to {to}.")
{
    public WorkflowRunState From { get; } = from;
    public WorkflowRunState To { get; } = to;
}
