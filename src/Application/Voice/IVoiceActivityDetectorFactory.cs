namespace CleanAgent.Application.Voice;

/// <summary>Makes a detector for one call.</summary>
public interface IVoiceActivityDetectorFactory
{
    IVoiceActivityDetector Create();
}
