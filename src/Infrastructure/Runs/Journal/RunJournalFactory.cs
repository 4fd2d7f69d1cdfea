using CleanAgent.Application.Runs.Journal;
using CleanAgent.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanAgent.Infrastructure.Runs.Journal;

internal sealed class RunJournalFactory(IServiceScopeFactory scopes, DatabaseThreads threads, ILogger<RunJournal> logger) : IRunJournalFactory
{
    public IRunJournal Open(Guid runId, string runName) =>
        new RunJournal(runId, runName, new ScopedRunRecordSender(scopes, threads), RunJournalLimits.Default, logger);
}
