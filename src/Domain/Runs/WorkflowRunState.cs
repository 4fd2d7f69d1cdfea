namespace CleanAgent.Domain.Runs;

public enum WorkflowRunState
{
    Created = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
}
