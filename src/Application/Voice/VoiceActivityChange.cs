namespace CleanAgent.Application.Voice;

/// <summary>What a frame of audio changed in the caller's speech state.</summary>
public enum VoiceActivityChange
{
    None,

    /// <summary>Speech began (and lasted long enough not to be a click); <see cref="VoiceActivity.SpeechStart"/> says when.</summary>
    SpeechStarted,

    /// <summary>Speech stopped; <see cref="VoiceActivity.LastSpeech"/> says when the last speech was heard.</summary>
    SpeechEnded,
}
