namespace CleanAgent.Application.Runs;

public sealed record StartedRun(Guid RunId, string Name);
