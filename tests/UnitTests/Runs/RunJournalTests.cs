using System.Collections.Concurrent;
using CleanAgent.Application.Common;
using CleanAgent.Application.Runs;
using CleanAgent.Application.Runs.Journal;
using CleanAgent.Application.Voice;
using CleanAgent.Domain.Runs;
using CleanAgent.Infrastructure.Runs.Journal;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CleanAgent.UnitTests.Runs;

/// <summary>
/// The run journal's queue and loop with a recording sender in place of the use cases: order, places (sequence
/// numbers), bounds, flush and dispose. (The same journal on a real database: IntegrationTests' RunJournalTests.)
/// </summary>
public sealed class RunJournalTests
{
    private static readonly Guid RunId = Guid.NewGuid();
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static RunJournal Open(RecordingSender sender, RunJournalLimits? limits = null, ILogger? logger = null) =>
        new(RunId, "WR-AGS-00000042", sender, limits ?? RunJournalLimits.Default, logger ?? NullLogger.Instance);

    private static TranscriptTurn Turn(string text, int second = 0) =>
        new(Speaker.Caller, text, TimeSpan.FromSeconds(second), TimeSpan.FromSeconds(second + 1), false, "start");

    [Fact]
    public async Task Records_AreSentInTheOrderRecorded_EachKindNumberedFromZero()
    {
        var sender = new RecordingSender();
        await using var journal = Open(sender);

        journal.RecordNodeEntered(new NodeVisit("start", "Greeting", TimeSpan.Zero));
        journal.RecordTurn(Turn("hello", 0) with { Speaker = Speaker.Agent });
        journal.RecordTurn(Turn("my invoice", 2));
        journal.RecordUsage(new ProviderUsage(VoiceStage.Llm, "api.openai.com", "gpt-4o-mini", PromptTokens: 10, CompletionTokens: 2));
        journal.RecordLatency(new TurnLatency(2, TimeSpan.FromMilliseconds(800), null, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(300)));
        journal.RecordNodeEntered(new NodeVisit("billing", "Billing", TimeSpan.FromSeconds(3)));
        journal.RecordGathered(new Dictionary<string, string> { ["invoice"] = "42" });
        journal.RecordTurn(Turn("thanks", 5));
        journal.RecordRecording("data/recordings/WR-AGS-00000042.wav");
        await journal.FlushAsync(CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(
            ["RecordNodeVisit 0", "AppendTranscriptTurn 0", "AppendTranscriptTurn 1", "AddRunUsage", "RecordTurnLatency 0", "RecordNodeVisit 1",
                "RecordGatheredVariables", "AppendTranscriptTurn 2", "AttachRecording"],
            sender.Sent.Select(Describe));
        Assert.All(sender.Sent, c => Assert.Equal(RunId, RunIdOf(c)));
        Assert.Equal(9, journal.Saved);
    }

    [Fact]
    public async Task Flush_WaitsUntilEverythingRecordedBeforeItIsSaved()
    {
        var sender = new RecordingSender { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var journal = Open(sender);
        for (var i = 0; i < 5; i++) journal.RecordTurn(Turn($"turn {i}", i));

        var flush = journal.FlushAsync(CancellationToken.None);
        await Task.Delay(100);
        Assert.False(flush.IsCompleted, "the flush returned while records were still waiting");

        sender.Gate.SetResult();
        await flush.WaitAsync(Bound);
        Assert.Equal(5, sender.Sent.Count);
    }

    [Fact]
    public async Task AFlood_IsBoundedInRecords_TheRestDroppedAndCounted_AndWhatFitsIsSavedInOrder()
    {
        var sender = new RecordingSender { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var logger = new ListLogger();
        await using var journal = Open(sender, new RunJournalLimits(MaxRecords: 16, MaxCharacters: 1_000_000, TimeSpan.FromSeconds(5)), logger);

        for (var i = 0; i < 10_000; i++) journal.RecordTurn(Turn($"turn {i}"));

        Assert.True(journal.Queued <= 16, $"{journal.Queued} records queued with a bound of 16");
        Assert.Equal(10_000 - 16, journal.Dropped);
        Assert.Single(logger.Lines, l => l.Level == LogLevel.Warning && l.Text.Contains("queue is full", StringComparison.Ordinal));

        sender.Gate.SetResult();
        await journal.FlushAsync(CancellationToken.None).WaitAsync(Bound);
        Assert.Equal(Enumerable.Range(0, 16), sender.Sent.Cast<AppendTranscriptTurn>().Select(t => t.Sequence));
        Assert.Equal(0, journal.Queued);

        journal.RecordTurn(Turn("after the flood"));
        await journal.FlushAsync(CancellationToken.None).WaitAsync(Bound);
        Assert.Equal("after the flood", ((AppendTranscriptTurn)sender.Sent[^1]).Text); // room again once the backlog is saved
    }

    [Fact]
    public async Task AFlood_IsBoundedInCharacters_Too()
    {
        var sender = new RecordingSender { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var journal = Open(sender, new RunJournalLimits(MaxRecords: 1000, MaxCharacters: 50_000, TimeSpan.FromSeconds(5)));

        for (var i = 0; i < 100; i++) journal.RecordTurn(Turn(new string('x', 7_000)));

        Assert.Equal(7, journal.Queued); // 7 × (7,000 + 64) fit in 50,000 characters; the 8th does not
        Assert.Equal(93, journal.Dropped);
        sender.Gate.SetResult();
    }

    [Fact]
    public async Task AnOverlongTurn_IsCutBeforeItIsQueued_AndMarked()
    {
        var sender = new RecordingSender();
        await using var journal = Open(sender);

        journal.RecordTurn(Turn(new string('y', 50_000)));
        await journal.FlushAsync(CancellationToken.None).WaitAsync(Bound);

        var turn = Assert.IsType<AppendTranscriptTurn>(Assert.Single(sender.Sent));
        Assert.Equal(RunTranscriptTurn.MaxTextLength, turn.Text.Length);
        Assert.True(turn.TextWasCut);
    }

    [Fact]
    public async Task ARefusedOrFailingRecord_IsCountedAndLogged_AndTheLoopGoesOn()
    {
        var sender = new RecordingSender
        {
            Answer = command => command switch
            {
                AppendTranscriptTurn { Sequence: 0 } => throw new InvalidOperationException("database is down"),
                AppendTranscriptTurn { Sequence: 1 } => new Error(ErrorKind.Conflict, "Run has ended."),
                _ => Result.Success(),
            },
        };
        var logger = new ListLogger();
        var journal = Open(sender, logger: logger);

        journal.RecordTurn(Turn("a"));
        journal.RecordTurn(Turn("b"));
        journal.RecordTurn(Turn("c"));
        await journal.FlushAsync(CancellationToken.None).WaitAsync(Bound);
        await journal.DisposeAsync();

        Assert.Equal((1, 2, 0), (journal.Saved, journal.Failed, journal.Dropped));
        Assert.Single(logger.Lines, l => l.Level == LogLevel.Warning && l.Text.Contains("was not saved", StringComparison.Ordinal));
        Assert.Single(logger.Lines, l => l.Level == LogLevel.Warning && l.Text.Contains("1 records saved, 0 dropped, 2 failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dispose_SavesWhatIsQueued_ThenRecordsAreDropped()
    {
        var sender = new RecordingSender { Delay = TimeSpan.FromMilliseconds(20) };
        var journal = Open(sender);
        for (var i = 0; i < 5; i++) journal.RecordTurn(Turn($"turn {i}"));

        await journal.DisposeAsync().AsTask().WaitAsync(Bound);
        journal.RecordTurn(Turn("too late"));
        await journal.FlushAsync(CancellationToken.None).WaitAsync(Bound); // returns at once: nothing more will be saved

        Assert.Equal(5, sender.Sent.Count);
        Assert.Equal(1, journal.Dropped);
    }

    [Fact]
    public async Task Dispose_WithADatabaseThatHangs_StopsTheLoopAfterTheDrainTimeout()
    {
        var sender = new RecordingSender { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var journal = Open(sender, new RunJournalLimits(256, 256 * 1024, TimeSpan.FromMilliseconds(200)));
        for (var i = 0; i < 3; i++) journal.RecordTurn(Turn($"turn {i}"));
        var flush = journal.FlushAsync(CancellationToken.None);

        await journal.DisposeAsync().AsTask().WaitAsync(Bound);

        Assert.True(sender.Cancelled, "the hung write was not cancelled");
        Assert.Equal(3, journal.Dropped); // the one being written and the two behind it
        await flush.WaitAsync(Bound); // a waiting flush is let go, not left hanging
    }

    [Fact]
    public async Task Gathered_IsACopy_TakenWhenRecorded()
    {
        var sender = new RecordingSender();
        await using var journal = Open(sender);
        var variables = new Dictionary<string, string> { ["invoice"] = "42" };

        journal.RecordGathered(variables);
        variables["invoice"] = "changed later";
        await journal.FlushAsync(CancellationToken.None).WaitAsync(Bound);

        Assert.Equal("42", Assert.IsType<RecordGatheredVariables>(Assert.Single(sender.Sent)).Variables["invoice"]);
    }

    [Fact]
    public async Task Records_FromManyThreads_AllArrive_WithDistinctPlaces()
    {
        var sender = new RecordingSender();
        await using var journal = Open(sender, new RunJournalLimits(100_000, 100_000_000, TimeSpan.FromSeconds(5)));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++) journal.RecordTurn(Turn($"{t}/{i}"));
        })));
        await journal.FlushAsync(CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(Enumerable.Range(0, 2000), sender.Sent.Cast<AppendTranscriptTurn>().Select(t => t.Sequence).Order());
    }

    private static string Describe(ICommand<Result> command) => command switch
    {
        AppendTranscriptTurn turn => $"{nameof(AppendTranscriptTurn)} {turn.Sequence}",
        RecordNodeVisit visit => $"{nameof(RecordNodeVisit)} {visit.Sequence}",
        RecordTurnLatency latency => $"{nameof(RecordTurnLatency)} {latency.Sequence}",
        _ => command.GetType().Name,
    };

    private static Guid RunIdOf(ICommand<Result> command) => (Guid)command.GetType().GetProperty("RunId")!.GetValue(command)!;

    /// <summary>Stands in for the use cases: keeps what it is sent, in order; can hold every write until a gate opens.</summary>
    private sealed class RecordingSender : IRunRecordSender
    {
        private readonly ConcurrentQueue<ICommand<Result>> _sent = new();

        public TaskCompletionSource? Gate { get; init; }
        public TimeSpan Delay { get; init; }
        public Func<ICommand<Result>, Result>? Answer { get; init; }
        public bool Cancelled { get; private set; }
        public List<ICommand<Result>> Sent => [.. _sent];

        public async Task<Result> SendAsync(ICommand<Result> command, CancellationToken cancellationToken)
        {
            try
            {
                if (Gate is not null) await Gate.Task.WaitAsync(cancellationToken);
                if (Delay > TimeSpan.Zero) await Task.Delay(Delay, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Cancelled = true;
                throw;
            }

            _sent.Enqueue(command);
            return Answer?.Invoke(command) ?? Result.Success();
        }
    }

    private sealed class ListLogger : ILogger
    {
        private readonly ConcurrentQueue<(LogLevel Level, string Text)> _lines = new();

        public IReadOnlyList<(LogLevel Level, string Text)> Lines => [.. _lines];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _lines.Enqueue((logLevel, formatter(state, exception)));
    }
}
