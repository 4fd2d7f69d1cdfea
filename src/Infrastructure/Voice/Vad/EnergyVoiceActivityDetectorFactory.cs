using CleanAgent.Application.Voice;

namespace CleanAgent.Infrastructure.Voice.Vad;

internal sealed class EnergyVoiceActivityDetectorFactory : IVoiceActivityDetectorFactory
{
    public IVoiceActivityDetector Create() => new EnergyVoiceActivityDetector();
}
