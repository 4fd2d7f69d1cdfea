using CleanAgent.Application.Runs.Journal;
using CleanAgent.Application.Voice;
using CleanAgent.Infrastructure.Calls;
using CleanAgent.Infrastructure.Voice;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanAgent.Infrastructure.Agents.Voice;

/// <summary>What every voice agent is built from: the voice ports, the run journal, the clock. One instance serves every call.</summary>
internal sealed record VoiceAgentServices(
    IVoiceDefaults Defaults,
    IVoiceActivityDetectorFactory Detectors,
    ISpeechToText SpeechToText,
    ITextToSpeech TextToSpeech,
    IChatClientFactory ChatClients,
    IRunJournalFactory Journals,
    TimeProvider Time,
    ILoggerFactory Loggers,
    IOptions<MediaSessionOptions> Media,
    IOptions<VoiceOptions> Voice);
