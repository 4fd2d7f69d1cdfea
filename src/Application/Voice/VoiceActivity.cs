namespace CleanAgent.Application.Voice;

/// <summary>
/// The detector's answer to one frame. Times are offsets into the audio fed to the detector so far (sample count
/// at 8 kHz), so they line up with the call's caller audio and with the speech-to-text session fed the same frames.
/// </summary>
/// <param name="Change">What this frame changed, if anything.</param>
/// <param name="InSpeech">Whether the caller is speaking after this frame.</param>
/// <param name="SpeechStart">Onset of the current (or last) stretch of speech: earlier than the frame that reported it, since speech is confirmed only after a minimum length.</param>
/// <param name="LastSpeech">End of the last frame heard as speech; the agent's endpointing delay runs from here.</param>
/// <param name="Position">Audio processed so far, this frame included.</param>
public readonly record struct VoiceActivity(VoiceActivityChange Change, bool InSpeech, TimeSpan SpeechStart, TimeSpan LastSpeech, TimeSpan Position);
