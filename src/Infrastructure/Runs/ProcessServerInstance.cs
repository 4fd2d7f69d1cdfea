using CleanAgent.Application.Common.Ports;

namespace CleanAgent.Infrastructure.Runs;

/// <summary>A fresh identity for each start of the process: a restarted server is a new owner.</summary>
internal sealed class ProcessServerInstance : IServerInstance
{
    public Guid Id { get; } = Guid.NewGuid();
}
