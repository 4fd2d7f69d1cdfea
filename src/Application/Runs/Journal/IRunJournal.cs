namespace CleanAgent.Application.Runs.Journal;

/// <summary>
/// What a call's agent keeps on its run while the conversation goes on (voice-pipeline.md, "What the run keeps"):
/// transcript turns, the nodes visited, gathered variables, usage, per-turn latency, the recording. Each record is
/// queued and saved in order, off the caller's audio path (the agent never waits for the database), promptly enough
/// that a crash loses at most the turn in progress. One journal per call.
/// </summary>
public interface IRunJournal : IAsyncDisposable
{
    void RecordTurn(TranscriptTurn turn);

    void RecordNodeEntered(NodeVisit visit);

    /// <summary>Variables extracted from the conversation; they join the run's gathered context.</summary>
    void RecordGathered(IReadOnlyDictionary<string, string> variables);

    /// <summary>What a provider used, added to the run's totals for that provider and model.</summary>
    void RecordUsage(ProviderUsage usage);

    void RecordLatency(TurnLatency latency);

    /// <summary>The call's audio, caller and agent mixed, was written here.</summary>
    void RecordRecording(string path);

    /// <summary>Waits until everything recorded so far is saved (the end of the call).</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
