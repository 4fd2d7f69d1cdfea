using CleanAgent.Infrastructure.Persistence;

namespace CleanAgent.UnitTests.Persistence;

public sealed class DatabaseThreadsTests
{
    [Fact]
    public async Task Work_AndEveryContinuationOfIt_RunOnTheDatabaseThreads_NotTheCallers()
    {
        using var threads = new DatabaseThreads(2);
        var seen = new List<(string? Name, bool Pool)>();

        var result = await threads.Run(async () =>
        {
            seen.Add((Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread));
            await Task.Yield();
            seen.Add((Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread));
            await Task.Delay(10, TestContext.Current.CancellationToken);
            seen.Add((Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread));
            return 42;
        }, TestContext.Current.CancellationToken);

        Assert.Equal(42, result);
        Assert.Equal(3, seen.Count);
        Assert.All(seen, thread =>
        {
            Assert.StartsWith("CleanAgent database", thread.Name, StringComparison.Ordinal);
            Assert.False(thread.Pool, "database work ran on a thread-pool thread");
        });
    }
}
