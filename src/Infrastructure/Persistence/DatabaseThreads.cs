using System.Collections.Concurrent;

namespace CleanAgent.Infrastructure.Persistence;

/// <summary>
/// Threads of its own for database work (the use cases), so that it never takes the thread pool's threads from the
/// calls' audio. Microsoft.Data.Sqlite's "async" methods run synchronously and SQLite's busy wait sleeps on the calling
/// thread: on the shared pool, a burst of admissions would starve the threads that read every caller's audio, and live
/// calls would stall. Work queued here, and every continuation of it, runs on these threads; the awaiting caller
/// resumes on its own.
/// </summary>
public sealed class DatabaseThreads : TaskScheduler, IDisposable
{
    private readonly BlockingCollection<Task> _queue = new();
    private readonly Thread[] _threads;

    public DatabaseThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _threads = new Thread[threads];
        for (var i = 0; i < threads; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"CleanAgent database {i + 1}" };
            _threads[i].Start();
        }
    }

    /// <summary>How many threads do database work: enough for SQL Server's concurrency; SQLite writes one at a time anyway.</summary>
    public static int DefaultCount => Math.Clamp(Environment.ProcessorCount * 2, 4, 16);

    public override int MaximumConcurrencyLevel => _threads.Length;

    /// <summary>Runs <paramref name="work"/> (and all its continuations) on these threads.</summary>
    public Task<T> Run<T>(Func<Task<T>> work, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.DenyChildAttach, this).Unwrap();

    public void Dispose() => _queue.CompleteAdding();

    protected override void QueueTask(Task task) => _queue.Add(task);

    /// <summary>Inline only on one of these threads: a task queued here must not run on a caller's thread.</summary>
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        Array.IndexOf(_threads, Thread.CurrentThread) >= 0 && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    private void Work()
    {
        foreach (var task in _queue.GetConsumingEnumerable()) TryExecuteTask(task);
    }
}
