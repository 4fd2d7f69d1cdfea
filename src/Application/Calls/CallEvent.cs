namespace CleanAgent.Application.Calls;

/// <summary>
/// One thing that happened on the call. A <see cref="CallEventKind.CallerAudio"/> event owns a pooled buffer:
/// the agent calls <see cref="CallerAudioFrame.Dispose"/> when done with it.
/// </summary>
public readonly record struct CallEvent(CallEventKind Kind, CallerAudioFrame? Audio = null, char Digit = default, string? MarkName = null)
{
    public static CallEvent ForAudio(CallerAudioFrame audio) => new(CallEventKind.CallerAudio, Audio: audio);
    public static CallEvent ForDtmf(char digit) => new(CallEventKind.Dtmf, Digit: digit);
    public static CallEvent ForMark(string name) => new(CallEventKind.MarkPlayed, MarkName: name);
}
