namespace CleanAgent.Application.Runs.Journal;

/// <summary>Opens the journal of one run.</summary>
public interface IRunJournalFactory
{
    IRunJournal Open(Guid runId, string runName);
}
