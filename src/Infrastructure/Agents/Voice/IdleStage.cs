namespace CleanAgent.Infrastructure.Agents.Voice;

/// <summary>What a silent line calls for.</summary>
internal enum IdleStage
{
    /// <summary>The first stretch of silence: ask once whether the caller is still there.</summary>
    AskIfStillThere,

    /// <summary>Silence again after asking: say goodbye and end the call (<c>user_idle</c>).</summary>
    GiveUp,
}
