using System.Threading.Channels;
using CleanAgent.Application.Common;
using CleanAgent.Application.Runs;
using CleanAgent.Application.Runs.Journal;
using CleanAgent.Domain.Common;
using CleanAgent.Domain.Runs;
using Mediator;
using Microsoft.Extensions.Logging;

namespace CleanAgent.Infrastructure.Runs.Journal;

/// <summary>
/// One call's run journal. Recording a record only puts a use case on a queue — no I/O, no waiting, so the agent's
/// audio path never waits for the database — and one loop per call sends them, one at a time and in the order
/// recorded, each in a DI scope of its own (<see cref="IRunRecordSender"/>). Each kind of record gets its place
/// (sequence number) when it is recorded, so the stored order is the recorded order whatever happens later.
/// </summary>
/// <remarks>
/// The queue is bounded in records and in characters (<see cref="RunJournalLimits"/>): what does not fit is dropped,
/// counted, and logged (the first drop at once, the total at the end), so a flood cannot grow the call's memory.
/// Text is cut to the stored bounds before it is queued, so a single huge turn cannot either. A record the database
/// refuses is logged and skipped; the loop goes on with the next.
/// </remarks>
internal sealed partial class RunJournal : IRunJournal
{
    /// <summary>What a queued record costs besides its text, in characters: its fields and the queue's node.</summary>
    private const int RecordOverhead = 64;

    private readonly Guid _runId;
    private readonly string _runName;
    private readonly IRunRecordSender _sender;
    private readonly RunJournalLimits _limits;
    private readonly ILogger _logger;
    private readonly Channel<Entry> _queue = Channel.CreateUnbounded<Entry>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private int _turns = -1;
    private int _nodes = -1;
    private int _latencies = -1;
    private int _queuedRecords;
    private long _queuedCharacters;
    private long _saved;
    private long _dropped;
    private long _failed;
    private int _disposed;

    public RunJournal(Guid runId, string runName, IRunRecordSender sender, RunJournalLimits limits, ILogger logger)
    {
        _runId = runId;
        _runName = runName;
        _sender = sender;
        _limits = limits;
        _logger = logger;
        _loop = Task.Run(SaveInOrderAsync);
    }

    /// <summary>Records saved so far.</summary>
    public long Saved => Interlocked.Read(ref _saved);

    /// <summary>Records dropped because the queue was full, or recorded after the journal closed.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Records the database refused or failed to save.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Records waiting to be saved (the one being saved included).</summary>
    public int Queued => Volatile.Read(ref _queuedRecords);

    public void RecordTurn(TranscriptTurn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var text = BoundedText.Cut(turn.Text ?? string.Empty, RunTranscriptTurn.MaxTextLength, out var cut);
        var nodeId = turn.NodeId is null ? null : BoundedText.Cut(turn.NodeId, RunNodeVisit.MaxNodeIdLength);
        Enqueue(new AppendTranscriptTurn(_runId, Interlocked.Increment(ref _turns), turn.Speaker, text, turn.Start, turn.End, turn.Interrupted, nodeId, cut),
            text.Length + (nodeId?.Length ?? 0));
    }

    public void RecordNodeEntered(NodeVisit visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        var nodeId = BoundedText.Cut(visit.NodeId ?? string.Empty, RunNodeVisit.MaxNodeIdLength);
        var nodeName = BoundedText.Cut(visit.NodeName ?? string.Empty, RunNodeVisit.MaxNodeNameLength);
        Enqueue(new RecordNodeVisit(_runId, Interlocked.Increment(ref _nodes), nodeId, nodeName, visit.At), nodeId.Length + nodeName.Length);
    }

    public void RecordGathered(IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        // A copy: the caller may go on changing its dictionary while this one waits in the queue.
        var copy = new Dictionary<string, string>(variables.Count, StringComparer.Ordinal);
        long characters = 0;
        foreach (var (key, value) in variables)
        {
            var bounded = BoundedText.Cut(value ?? string.Empty, WorkflowRun.MaxGatheredValueLength);
            copy[key] = bounded;
            characters += key.Length + bounded.Length;
        }

        Enqueue(new RecordGatheredVariables(_runId, copy), characters);
    }

    public void RecordUsage(ProviderUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        Enqueue(new AddRunUsage(_runId, usage.Stage, usage.Provider, usage.Model, usage.PromptTokens, usage.CompletionTokens, usage.Characters, usage.AudioSeconds),
            (usage.Provider?.Length ?? 0) + (usage.Model?.Length ?? 0));
    }

    public void RecordLatency(TurnLatency latency)
    {
        ArgumentNullException.ThrowIfNull(latency);
        Enqueue(new RecordTurnLatency(_runId, Interlocked.Increment(ref _latencies), latency.TurnIndex, latency.Total, latency.SpeechToText,
            latency.LlmFirstToken, latency.TextToSpeechFirstByte, latency.Server), 0);
    }

    public void RecordRecording(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Enqueue(new AttachRecording(_runId, path), path.Length);
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        // A flush marker is not a record: it is never dropped, so a flood cannot make the end of a call skip its wait.
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_queue.Writer.TryWrite(new Entry(null, 0, flushed))) await flushed.Task.WaitAsync(cancellationToken);
        else await _loop.WaitAsync(cancellationToken); // closed: what was queued is being saved (or dropped) by now
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;

        _queue.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(_limits.DrainTimeout);
        }
        catch (TimeoutException)
        {
            // The database is not answering: stop waiting for it; what is still queued counts as dropped.
            await _stop.CancelAsync();
            await _loop;
        }

        _stop.Dispose();
        if (Dropped > 0 || Failed > 0) LogLosses(_logger, _runName, Saved, Dropped, Failed);
        else LogClosed(_logger, _runName, Saved);
    }

    private void Enqueue(ICommand<Result> command, long characters)
    {
        var weight = characters + RecordOverhead;
        if (Interlocked.Increment(ref _queuedRecords) > _limits.MaxRecords)
        {
            Interlocked.Decrement(ref _queuedRecords);
            Drop(command);
            return;
        }

        if (Interlocked.Add(ref _queuedCharacters, weight) > _limits.MaxCharacters)
        {
            Release(weight);
            Drop(command);
            return;
        }

        if (!_queue.Writer.TryWrite(new Entry(command, weight, null)))
        {
            Release(weight);
            Drop(command); // recorded after the journal closed
        }
    }

    private void Release(long weight)
    {
        Interlocked.Add(ref _queuedCharacters, -weight);
        Interlocked.Decrement(ref _queuedRecords);
    }

    private void Drop(ICommand<Result> command)
    {
        if (Interlocked.Increment(ref _dropped) == 1) LogFirstDrop(_logger, _runName, command.GetType().Name, _limits.MaxRecords, _limits.MaxCharacters);
    }

    private async Task SaveInOrderAsync()
    {
        try
        {
            await foreach (var entry in _queue.Reader.ReadAllAsync(_stop.Token))
            {
                if (entry.Flushed is { } flushed)
                {
                    flushed.TrySetResult();
                    continue;
                }

                try
                {
                    await SaveAsync(entry.Command!);
                }
                finally
                {
                    Release(entry.Weight);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed while the database hung.
        }
        finally
        {
            while (_queue.Reader.TryRead(out var left))
            {
                if (left.Flushed is { } flushed) flushed.TrySetResult();
                else
                {
                    Release(left.Weight);
                    Interlocked.Increment(ref _dropped);
                }
            }
        }
    }

    private async Task SaveAsync(ICommand<Result> command)
    {
        try
        {
            var result = await _sender.SendAsync(command, _stop.Token);
            if (result.IsSuccess) Interlocked.Increment(ref _saved);
            else Fail(command, result.Error!.Message, null);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            Interlocked.Increment(ref _dropped);
            throw;
        }
        catch (Exception ex)
        {
            Fail(command, ex.GetType().Name, ex);
        }
    }

    /// <summary>The first failure of a call is a warning with its cause; later ones are debug lines (a database outage fails them all).</summary>
    private void Fail(ICommand<Result> command, string reason, Exception? exception)
    {
        if (Interlocked.Increment(ref _failed) == 1) LogFirstFailure(_logger, exception, _runName, command.GetType().Name, reason);
        else LogFailure(_logger, exception, _runName, command.GetType().Name, reason);
    }

    /// <param name="Command">The record's use case; null for a flush marker.</param>
    /// <param name="Weight">What it holds of the queue's character budget.</param>
    private sealed record Entry(ICommand<Result>? Command, long Weight, TaskCompletionSource? Flushed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunName}: the journal's queue is full ({MaxRecords} records or {MaxCharacters} characters); dropping records, first a {Record}")]
    private static partial void LogFirstDrop(ILogger logger, string runName, string record, int maxRecords, long maxCharacters);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunName}: a {Record} was not saved ({Reason}); later failures of this run are logged at debug level")]
    private static partial void LogFirstFailure(ILogger logger, Exception? exception, string runName, string record, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Run {RunName}: a {Record} was not saved ({Reason})")]
    private static partial void LogFailure(ILogger logger, Exception? exception, string runName, string record, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunName}: journal closed; {Saved} records saved, {Dropped} dropped, {Failed} failed")]
    private static partial void LogLosses(ILogger logger, string runName, long saved, long dropped, long failed);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Run {RunName}: journal closed; {Saved} records saved")]
    private static partial void LogClosed(ILogger logger, string runName, long saved);
}
