using CleanAgent.Infrastructure.Configuration;
using FluentValidation;

namespace CleanAgent.Infrastructure.Runs;

/// <summary><c>Runs:*</c> settings: how processes sharing a database tell each other they are alive.</summary>
public sealed class RunOwnershipOptions
{
    public const string Section = "Runs";

    /// <summary>How often this process proves it is alive and looks for runs of dead ones.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A process silent for this long is dead; its runs are settled and its call slots freed.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(60);
}

internal sealed class RunOwnershipOptionsValidator : AbstractValidator<RunOwnershipOptions>
{
    public RunOwnershipOptionsValidator()
    {
        RuleFor(o => o.HeartbeatInterval).Within(TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        // A live process must beat more than once within StaleAfter, or its neighbours would declare it dead.
        RuleFor(o => o.StaleAfter).Within(TimeSpan.FromSeconds(2), TimeSpan.FromDays(1))
            .Must((o, staleAfter) => staleAfter >= 2 * o.HeartbeatInterval)
            .WithMessage(o => $"must be at least twice Runs:HeartbeatInterval ({o.HeartbeatInterval:c}), or live processes would be taken for dead (was {o.StaleAfter:c}).");
    }
}
