using CleanAgent.Domain.Runs;
using Riok.Mapperly.Abstractions;

namespace CleanAgent.Application.Runs;

[Mapper]
[UseStaticMapper(typeof(RunWireNames))]
internal static partial class RunDetailsMapper
{
    [MapperIgnoreSource(nameof(WorkflowRun.OrganizationId))]
    [MapperIgnoreSource(nameof(WorkflowRun.CallerNumber))] // in the initial context already
    [MapperIgnoreSource(nameof(WorkflowRun.CalledNumber))]
    [MapperIgnoreSource(nameof(WorkflowRun.AgentId))]
    [MapperIgnoreSource(nameof(WorkflowRun.AgentVersionId))]
    [MapperIgnoreSource(nameof(WorkflowRun.CapacityReservationId))]
    [MapperIgnoreSource(nameof(WorkflowRun.OwnerInstanceId))]
    [MapperIgnoreSource(nameof(WorkflowRun.IsEnded))]
    public static partial RunDetails ToDetails(
        WorkflowRun run,
        Guid agentUuid,
        int agentVersion,
        List<RunTranscriptTurn> transcript,
        List<RunNodeVisit> nodesVisited,
        List<RunProviderUsage> usage,
        List<RunTurnLatency> latency);

    [MapperIgnoreSource(nameof(RunTranscriptTurn.RunId))]
    private static partial TranscriptTurnDetails ToDetails(RunTranscriptTurn turn);

    [MapperIgnoreSource(nameof(RunNodeVisit.RunId))]
    private static partial NodeVisitDetails ToDetails(RunNodeVisit visit);

    [MapperIgnoreSource(nameof(RunTurnLatency.RunId))]
    private static partial TurnLatencyDetails ToDetails(RunTurnLatency latency);

    [MapperIgnoreSource(nameof(RunProviderUsage.RunId))]
    private static partial ProviderUsageDetails ToDetails(RunProviderUsage usage);

    /// <summary>Caller audio is what speech-to-text heard, agent audio what text-to-speech produced.</summary>
    private static RunUsageDetails ToUsage(List<RunProviderUsage> usage) => new(
        usage.Where(u => u.Stage == UsageStage.SpeechToText).Sum(u => u.AudioSeconds),
        usage.Where(u => u.Stage == UsageStage.TextToSpeech).Sum(u => u.AudioSeconds),
        usage.Select(ToDetails).ToList());


    private static string SpeakerName(TurnSpeaker speaker) => speaker.ToString().ToLowerInvariant();

    private static string StageCode(UsageStage stage) => RunProviderUsage.CodeOf(stage);
}
