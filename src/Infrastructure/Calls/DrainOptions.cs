using CleanAgent.Infrastructure.Configuration;
using FluentValidation;

namespace CleanAgent.Infrastructure.Calls;

/// <summary><c>Server:*</c>: how the server stops.</summary>
public sealed class DrainOptions
{
    public const string Section = "Server";

    /// <summary>
    /// On SIGTERM, Ctrl+C or a service stop, how long calls in progress may run to their end before they are ended
    /// <c>failed</c>/<c>server_shutdown</c> (hung up at the provider). 0 ends them at once.
    /// </summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>After the drain, how long the calls still up get to hang up and close before the server stops anyway.</summary>
    public static readonly TimeSpan HangupAllowance = TimeSpan.FromSeconds(30);
}

internal sealed class DrainOptionsValidator : AbstractValidator<DrainOptions>
{
    public DrainOptionsValidator() => RuleFor(o => o.DrainTimeout).Within(TimeSpan.Zero, TimeSpan.FromDays(1));
}
