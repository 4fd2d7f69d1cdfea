using CleanAgent.Application.Common;
using Mediator;

namespace CleanAgent.Infrastructure.Runs.Journal;

/// <summary>How the run journal's loop saves one record: a use case, sent on its own.</summary>
internal interface IRunRecordSender
{
    Task<Result> SendAsync(ICommand<Result> command, CancellationToken cancellationToken);
}
