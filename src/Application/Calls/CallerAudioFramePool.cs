namespace CleanAgent.Application.Calls;

/// <summary>
/// One call's caller frames, reused: the session rents one per received 20 ms frame on its reading thread and the
/// agent returns it on its own. A small locked stack serves both threads without allocating (the shared array pool's
/// per-thread caches miss when the renting and returning threads differ). Frames larger than one telephony frame are
/// rare and come from the shared array pool instead.
/// </summary>
public sealed class CallerAudioFramePool(int maxKept = 128)
{
    private readonly Lock _gate = new();
    private readonly Stack<CallerAudioFrame> _free = new();

    public CallerAudioFrame Rent(int length)
    {
        if (length > TelephonyAudio.FrameSamples) return CallerAudioFrame.Rent(length);
        lock (_gate)
        {
            if (_free.TryPop(out var frame))
            {
                frame.Reuse(length);
                return frame;
            }
        }

        return new CallerAudioFrame(new short[TelephonyAudio.FrameSamples], length, this);
    }

    internal void Return(CallerAudioFrame frame)
    {
        lock (_gate)
        {
            if (_free.Count < maxKept) _free.Push(frame);
        }
    }
}
