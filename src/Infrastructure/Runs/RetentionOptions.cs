using CleanAgent.Infrastructure.Configuration;
using FluentValidation;

namespace CleanAgent.Infrastructure.Runs;

/// <summary>
/// <c>Retention:*</c>: how long runs, their transcripts and their recordings are kept after the run ended. Each is off
/// (kept forever) unless set, e.g. <c>Retention:Recordings=30.00:00:00</c>.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    public TimeSpan? Runs { get; set; }
    public TimeSpan? Transcripts { get; set; }
    public TimeSpan? Recordings { get; set; }

    /// <summary>How often the sweep runs.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Rows per delete: small, so a sweep never holds the database long.</summary>
    public int BatchSize { get; set; } = 500;

    public bool IsOn => Runs is not null || Transcripts is not null || Recordings is not null;
}

internal sealed class RetentionOptionsValidator : AbstractValidator<RetentionOptions>
{
    public RetentionOptionsValidator()
    {
        RuleFor(o => o.Runs!.Value).Within(TimeSpan.FromHours(1), TimeSpan.FromDays(36_500)).When(o => o.Runs is not null).OverridePropertyName(nameof(RetentionOptions.Runs));
        RuleFor(o => o.Transcripts!.Value).Within(TimeSpan.FromHours(1), TimeSpan.FromDays(36_500)).When(o => o.Transcripts is not null).OverridePropertyName(nameof(RetentionOptions.Transcripts));
        RuleFor(o => o.Recordings!.Value).Within(TimeSpan.FromHours(1), TimeSpan.FromDays(36_500)).When(o => o.Recordings is not null).OverridePropertyName(nameof(RetentionOptions.Recordings));
        RuleFor(o => o.Interval).Within(TimeSpan.FromSeconds(10), TimeSpan.FromDays(1));
        RuleFor(o => o.BatchSize).Within(1, 10_000);
    }
}
