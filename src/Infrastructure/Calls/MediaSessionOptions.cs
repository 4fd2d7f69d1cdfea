using CleanAgent.Infrastructure.Configuration;
using FluentValidation;

namespace CleanAgent.Infrastructure.Calls;

/// <summary><c>Media:*</c> settings of the per-call media session.</summary>
public sealed class MediaSessionOptions
{
    public const string Section = "Media";

    /// <summary>How far outbound audio may run ahead of real time (a few frames absorb network jitter).</summary>
    public TimeSpan MaxLead { get; set; } = TimeSpan.FromMilliseconds(40);

    /// <summary>After the agent ends the call and its last words have had time to play, how long to wait for the final mark's echo.</summary>
    public TimeSpan FinalMarkGrace { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The longest a call may last once its stream has started. Then the server ends it: the provider is asked to
    /// hang up, the socket closes with 1000, and the run ends <c>completed</c> / <c>max_duration</c>. A bound on what
    /// one stuck call (a caller who never hangs up, an agent that never ends) can hold of a call slot.
    /// </summary>
    public TimeSpan MaxCallDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The most agent audio that may wait to be played (the rest is dropped and counted). Far more than any one reply
    /// needs; it bounds what one call can hold in memory (about 13 KB per second) and how long a goodbye can take.
    /// </summary>
    public TimeSpan MaxQueuedAudio { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The media clock thread's nice value on Linux (-20 to 0; 0: normal priority). Raising it needs CAP_SYS_NICE or
    /// RLIMIT_NICE; without, the clock says so in the log and runs at normal priority.
    /// </summary>
    public int ClockNice { get; set; } = -10;

    /// <summary>How much caller audio may wait for a slow agent before the oldest is dropped (frames of 20 ms).</summary>
    public int InboundQueueFrames { get; set; } = 100;

    /// <summary>Largest text message accepted from a provider; larger ones are read to their end, counted and discarded.</summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>How long to wait for the peer's close frame before giving up on a clean close (every close of a call's socket).</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Malformed frames are logged at most once per this interval (with a count), never per frame.</summary>
    public TimeSpan MalformedLogInterval { get; set; } = TimeSpan.FromSeconds(10);
}

internal sealed class MediaSessionOptionsValidator : AbstractValidator<MediaSessionOptions>
{
    public MediaSessionOptionsValidator()
    {
        RuleFor(o => o.MaxLead).Within(TimeSpan.Zero, TimeSpan.FromSeconds(1));
        RuleFor(o => o.FinalMarkGrace).Within(TimeSpan.Zero, TimeSpan.FromMinutes(1));
        RuleFor(o => o.MaxCallDuration).Within(TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        RuleFor(o => o.InboundQueueFrames).Within(1, 3000);
        RuleFor(o => o.ClockNice).Within(-20, 0);
        RuleFor(o => o.MaxQueuedAudio).Within(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        RuleFor(o => o.CloseTimeout).Within(TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(1));
        RuleFor(o => o.MaxMessageBytes).Within(1024, 16 * 1024 * 1024);
        RuleFor(o => o.MalformedLogInterval).Within(TimeSpan.FromMilliseconds(1), TimeSpan.FromDays(1));
    }
}
