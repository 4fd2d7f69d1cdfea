namespace CleanAgent.IntegrationTests.Support;

/// <summary>
/// Waits for state that another process (the server) reaches asynchronously: polls a condition, bounded.
/// This is synchronisation with a real server, not a test of timing; the bound only stops a broken test.
/// </summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline) return value;
            await Task.Delay(25);
        }
    }
}
