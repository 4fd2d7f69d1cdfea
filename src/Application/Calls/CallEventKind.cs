namespace CleanAgent.Application.Calls;

public enum CallEventKind
{
    CallerAudio,
    Dtmf,
    MarkPlayed,
}
