using System.Runtime.InteropServices;

namespace CleanAgent.Domain.Quota;

/// <summary>
/// The call slots of an organization that no reservation holds: the numbers 0..limit-1 not taken, counted and
/// indexed in ascending order without listing them. Admission looks them up for every call, and an organization's
/// limit may be in the thousands while only the live calls' slots are taken, so the cost follows the taken slots
/// (a sort, then a binary search per lookup), never the limit.
/// </summary>
public sealed class FreeCallSlots
{
    private readonly List<int> _taken;

    /// <param name="limit">The organization's concurrent call limit: slots are 0..limit-1.</param>
    /// <param name="taken">The slots reservations hold. Sorted in place; duplicates and slots outside the range (a
    /// limit lowered below a held slot) are dropped from it.</param>
    public FreeCallSlots(int limit, List<int> taken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        ArgumentNullException.ThrowIfNull(taken);
        taken.Sort();
        var slots = CollectionsMarshal.AsSpan(taken);
        var kept = 0;
        foreach (var slot in slots)
        {
            if (slot < 0 || slot >= limit || (kept > 0 && slots[kept - 1] == slot)) continue;
            slots[kept++] = slot;
        }
        taken.RemoveRange(kept, taken.Count - kept);
        _taken = taken;
        Count = limit - kept;
    }

    public int Count { get; }

    /// <summary>The <paramref name="index"/>-th free slot in ascending order (0 is the lowest free slot).</summary>
    public int this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            // The answer is index + (the number of taken slots below it). Taken slot j has taken[j] - j free slots
            // below it, a non-decreasing sequence: find the first j with more than index free slots below it.
            var taken = CollectionsMarshal.AsSpan(_taken);
            int low = 0, high = taken.Length;
            while (low < high)
            {
                var middle = low + (high - low) / 2;
                if (taken[middle] - middle <= index) low = middle + 1;
                else high = middle;
            }
            return index + low;
        }
    }
}
