namespace CleanAgent.UnitTests.Support;

/// <summary>
/// Whether code allocates nothing once warm, counted on this thread. The runtime may allocate on the test's thread
/// once, when tiered compilation promotes a method (it counts calls after a delay, whenever that falls), so a round
/// is repeated, up to five times, until one allocates nothing. Code that allocates does so in every round.
/// </summary>
public static class SteadyStateAllocation
{
    public static void AssertNone(Action round)
    {
        var allocated = new List<long>();
        while (allocated.Count < 5 && (allocated.Count == 0 || allocated[^1] != 0))
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            round();
            allocated.Add(GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.True(allocated[^1] == 0, $"every round allocated: {string.Join(", ", allocated)} bytes");
    }
}
