using CleanAgent.Domain.Quota;

namespace CleanAgent.UnitTests.Domain;

public sealed class FreeCallSlotsTests
{
    [Fact]
    public void TheFreeSlots_AreTheNumbersBelowTheLimitNotTaken_InAscendingOrder()
    {
        var free = new FreeCallSlots(8, [5, 0, 1]);

        Assert.Equal(5, free.Count);
        Assert.Equal([2, 3, 4, 6, 7], Enumerable.Range(0, free.Count).Select(i => free[i]));
    }

    [Fact]
    public void DuplicatesAndSlotsOutsideTheLimit_AreNotCountedAsTaken()
    {
        // A limit lowered to 3 while slot 4 is still held; the same slot read twice.
        var free = new FreeCallSlots(3, [4, 1, 1, -1]);

        Assert.Equal(2, free.Count);
        Assert.Equal([0, 2], Enumerable.Range(0, free.Count).Select(i => free[i]));
    }

    [Fact]
    public void AFullOrganization_HasNoFreeSlot_AndIndexingIsRefused()
    {
        var free = new FreeCallSlots(2, [1, 0]);

        Assert.Equal(0, free.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => free[0]);
    }

    [Fact]
    public void NothingTaken_EverySlotIsFree()
    {
        var free = new FreeCallSlots(5000, []);

        Assert.Equal(5000, free.Count);
        Assert.Equal(0, free[0]);
        Assert.Equal(4999, free[4999]);
        Assert.Throws<ArgumentOutOfRangeException>(() => free[5000]);
        Assert.Throws<ArgumentOutOfRangeException>(() => free[-1]);
    }

    [Fact]
    public void AgreesWithListingTheFreeSlots_ForRandomTakenSets()
    {
        var random = new Random(20261203);
        for (var round = 0; round < 500; round++)
        {
            var limit = random.Next(0, 200);
            var taken = Enumerable.Range(0, random.Next(0, 250)).Select(_ => random.Next(-5, limit + 5)).ToList();
            var expected = Enumerable.Range(0, limit).Except(taken).ToList();

            var free = new FreeCallSlots(limit, [.. taken]);

            Assert.Equal(expected.Count, free.Count);
            Assert.Equal(expected, Enumerable.Range(0, free.Count).Select(i => free[i]));
        }
    }
}
