using CleanAgent.Domain.Common;

namespace CleanAgent.Domain.Organizations;

/// <summary>A tenant. Every key, agent and run belongs to exactly one organization.</summary>
public sealed class Organization
{
    public const int DefaultConcurrentCallLimit = 10;

    private Organization() => Name = string.Empty;

    public Guid Id { get; private set; }
    public string Name { get; private set; }

    /// <summary>How many calls may be live at once across all server processes.</summary>
    public int ConcurrentCallLimit { get; private set; }

    /// <summary>Minutes of calls allowed per calendar month (UTC); null means unlimited.</summary>
    public int? MonthlyMinutes { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public static Organization Create(string name, int? concurrentCallLimit, int? monthlyMinutes, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException("An organization needs a name.");
        var limit = concurrentCallLimit ?? DefaultConcurrentCallLimit;
        if (limit < 1) throw new DomainException("The concurrent call limit must be at least 1.");
        if (monthlyMinutes is < 0) throw new DomainException("Monthly minutes cannot be negative.");

        return new Organization
        {
            Id = Guid.CreateVersion7(now),
            Name = name.Trim(),
            ConcurrentCallLimit = limit,
            MonthlyMinutes = monthlyMinutes,
            CreatedAt = now,
        };
    }

    /// <summary>New limits; a limit not given stays as it is. Calls in progress keep their slots even above a lower limit.</summary>
    /// <param name="monthlyMinutes">Minutes per month; <paramref name="unlimitedMinutes"/> lifts the monthly limit instead.</param>
    public void ChangeLimits(int? concurrentCallLimit, int? monthlyMinutes, bool unlimitedMinutes = false)
    {
        if (concurrentCallLimit is < 1) throw new DomainException("The concurrent call limit must be at least 1.");
        if (monthlyMinutes is < 0) throw new DomainException("Monthly minutes cannot be negative.");
        if (concurrentCallLimit is { } limit) ConcurrentCallLimit = limit;
        if (unlimitedMinutes) MonthlyMinutes = null;
        else if (monthlyMinutes is { } minutes) MonthlyMinutes = minutes;
    }
}
