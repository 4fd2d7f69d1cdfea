namespace CleanAgent.IntegrationTests.Support;

/// <summary>
/// Waits for state that another process (the server) reaches asynchronously: polls a condition, bounded.
/// This is synchronisation with a real server, not a test of timing; the bound only stops a broken test — and when
/// it runs out the test fails, saying what it last saw, instead of going on with a value that never got there.
/// </summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) Assert.Fail($"Waited {seconds} s for a condition that never held; last seen: {Describe(value)}");
            await Task.Delay(25);
        }
    }

    private static string Describe<T>(T value) => value switch
    {
        null => "null",
        System.Collections.ICollection collection => $"{collection.Count} item(s)",
        _ => value.ToString() ?? typeof(T).Name,
    };
}
