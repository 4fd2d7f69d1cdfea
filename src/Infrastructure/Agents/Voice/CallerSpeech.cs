namespace CleanAgent.Infrastructure.Agents.Voice;

/// <summary>What <see cref="CallerListener"/> made of a piece of caller audio.</summary>
/// <param name="TurnStart">Where the caller's current (or just ended) turn began, in caller-audio time.</param>
/// <param name="LastSpeech">The end of the last speech heard in it.</param>
/// <param name="HadLongSpeech">The turn held at least one stretch of speech of the minimum interruption length (not just a cough).</param>
internal readonly record struct CallerSpeech(CallerSpeechKind Kind, TimeSpan TurnStart, TimeSpan LastSpeech, bool HadLongSpeech)
{
    public static CallerSpeech None => default;
}
