using CleanAgent.Infrastructure.Calls;

namespace CleanAgent.UnitTests.Calls;

/// <summary>
/// The media clock's thread asks Linux for a priority of its own (a nice value), read back here from the kernel's
/// own account of the thread (<c>/proc/self/task</c>), not from what the clock says of itself.
/// </summary>
public sealed class MediaClockPriorityTests
{
    private const string ClockThreadName = "CleanAgent medi"; // the kernel keeps the first 15 characters
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task TheClocksThread_RunsAtTheNiceValueAskedFor_WhereTheSystemAllowsIt_AndSaysSoWhereNot()
    {
        if (!OperatingSystem.IsLinux()) Assert.Skip("Per-thread nice values are Linux's; elsewhere the clock keeps Thread.Priority.");
        const int nice = -3; // no other clock in this process asks for it
        var allowed = SystemAllowsRaising(nice);

        using var clock = new MediaClock(TimeProvider.System, nice);

        Assert.Equal(allowed, await clock.PriorityRaised.WaitAsync(Patience));
        var clockThreadNices = ClockThreadNices();
        Assert.Equal(allowed, clockThreadNices.Contains(nice));
    }

    [Fact]
    public async Task ANiceOfZero_LeavesTheClocksThreadAtNormalPriority()
    {
        if (!OperatingSystem.IsLinux()) Assert.Skip("Per-thread nice values are Linux's; elsewhere the clock keeps Thread.Priority.");

        using var clock = new MediaClock(TimeProvider.System, nice: 0);

        Assert.False(await clock.PriorityRaised.WaitAsync(Patience));
        Assert.Contains(0, ClockThreadNices());
    }

    [Fact]
    public async Task OnAFakeClock_ThereIsNoThread_AndNothingIsRaised()
    {
        using var clock = new MediaClock(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(), nice: -5);

        Assert.False(await clock.PriorityRaised.WaitAsync(Patience));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-21)]
    public void ANiceOutsideMinus20To0_IsRefused(int nice) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MediaClock(TimeProvider.System, nice));

    /// <summary>Whether this process may raise a thread's priority that far: tried on a thread of its own that then ends.</summary>
    private static bool SystemAllowsRaising(int nice)
    {
        var allowed = false;
        var probe = new Thread(() => allowed = ThreadNice.TrySet(nice) == 0);
        probe.Start();
        probe.Join();
        return allowed;
    }

    /// <summary>The nice value of every media clock thread in this process, from <c>/proc/self/task/*/stat</c>.</summary>
    private static List<int> ClockThreadNices()
    {
        var nices = new List<int>();
        foreach (var task in Directory.GetDirectories("/proc/self/task"))
        {
            string stat;
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n') != ClockThreadName) continue;
                stat = File.ReadAllText(Path.Combine(task, "stat"));
            }
            catch (IOException)
            {
                continue; // the thread ended meanwhile
            }

            // The name, in parentheses, may hold spaces; the fields after it start at the third (state); nice is the 19th.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            nices.Add(int.Parse(fields[19 - 3], System.Globalization.CultureInfo.InvariantCulture));
        }

        return nices;
    }
}
