using CleanAgent.Domain.Common;
using CleanAgent.Domain.Runs;

namespace CleanAgent.UnitTests.Domain;

/// <summary>What a run keeps beside it (transcript turns, node visits, latency, usage) and the run's own gathered variables and recording.</summary>
public sealed class RunRecordsTests
{
    private static readonly Guid Run = Guid.NewGuid();
    private static readonly DateTime T0 = new(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);

    private static WorkflowRun RunningRun()
    {
        var spec = new RunSpec(new PinnedVersion(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()), CallType.Inbound, CallMode.Of("cloudonix"),
            new Dictionary<string, string>());
        return WorkflowRun.Admit("WR-AGS-00000042", spec, Guid.NewGuid(), Guid.NewGuid(), T0);
    }

    [Fact]
    public void TranscriptTurn_KeepsItsFields_InMillisecondsFromTheCallsStart()
    {
        var turn = RunTranscriptTurn.Record(Run, 3, TurnSpeaker.Agent, "Hi, this is Acme.", TimeSpan.FromMilliseconds(1500.7), TimeSpan.FromSeconds(3), true, "start");

        Assert.Equal((Run, 3, TurnSpeaker.Agent, "Hi, this is Acme.", 1500L, 3000L, true, false, "start"),
            (turn.RunId, turn.Sequence, turn.Speaker, turn.Text, turn.StartMs, turn.EndMs, turn.Interrupted, turn.Truncated, turn.NodeId));
    }

    [Fact]
    public void TranscriptTurn_OverTheBound_IsCutAndMarked()
    {
        var turn = RunTranscriptTurn.Record(Run, 0, TurnSpeaker.Caller, new string('a', RunTranscriptTurn.MaxTextLength + 500), TimeSpan.Zero, TimeSpan.FromSeconds(1), false, null);

        Assert.Equal(RunTranscriptTurn.MaxTextLength, turn.Text.Length);
        Assert.True(turn.Truncated);
    }

    [Fact]
    public void TranscriptTurn_AtTheBound_IsKeptWhole()
    {
        var turn = RunTranscriptTurn.Record(Run, 0, TurnSpeaker.Caller, new string('a', RunTranscriptTurn.MaxTextLength), TimeSpan.Zero, TimeSpan.Zero, false, null);

        Assert.False(turn.Truncated);
    }

    [Fact]
    public void TranscriptTurn_CutBeforeItArrived_StaysMarked()
    {
        var turn = RunTranscriptTurn.Record(Run, 0, TurnSpeaker.Caller, "short", TimeSpan.Zero, TimeSpan.Zero, false, null, textWasCut: true);

        Assert.True(turn.Truncated);
    }

    [Fact]
    public void TranscriptTurn_EndingBeforeItStarts_EndsAtItsStart()
    {
        var turn = RunTranscriptTurn.Record(Run, 0, TurnSpeaker.Caller, "yes", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(4.98), false, null);

        Assert.Equal(turn.StartMs, turn.EndMs);
    }

    [Fact]
    public void TranscriptTurn_BeforeTheCall_OrWithoutARun_IsRefused()
    {
        Assert.Throws<DomainException>(() => RunTranscriptTurn.Record(Run, 0, TurnSpeaker.Caller, "x", TimeSpan.FromSeconds(-1), TimeSpan.Zero, false, null));
        Assert.Throws<DomainException>(() => RunTranscriptTurn.Record(Guid.Empty, 0, TurnSpeaker.Caller, "x", TimeSpan.Zero, TimeSpan.Zero, false, null));
        Assert.Throws<DomainException>(() => RunTranscriptTurn.Record(Run, -1, TurnSpeaker.Caller, "x", TimeSpan.Zero, TimeSpan.Zero, false, null));
    }

    [Fact]
    public void BoundedText_NeverSplitsASurrogatePair()
    {
        var text = new string('a', 9) + "😀" + "b"; // the emoji's halves at 9 and 10

        var cut = BoundedText.Cut(text, 10, out var wasCut);

        Assert.True(wasCut);
        Assert.Equal(new string('a', 9), cut);
    }

    [Fact]
    public void NodeVisit_CutsOverlongNames_AndNeedsANode()
    {
        var visit = RunNodeVisit.Record(Run, 1, "billing", new string('n', 500), TimeSpan.FromSeconds(12));

        Assert.Equal(RunNodeVisit.MaxNodeNameLength, visit.NodeName.Length);
        Assert.Equal(12_000, visit.AtMs);
        Assert.Throws<DomainException>(() => RunNodeVisit.Record(Run, 1, " ", "x", TimeSpan.Zero));
    }

    [Fact]
    public void TurnLatency_IsKeptInWholeMilliseconds_AndUnmeasuredPartsStayNull()
    {
        var latency = RunTurnLatency.Record(Run, 0, 2, TimeSpan.FromMilliseconds(812.5), null, TimeSpan.FromMilliseconds(401.2), TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(261.3));

        Assert.Equal((813, (int?)null, (int?)401, (int?)150, 261), (latency.TotalMs, latency.SpeechToTextMs, latency.LlmFirstTokenMs, latency.TextToSpeechFirstByteMs, latency.ServerMs));
    }

    [Fact]
    public void TurnLatency_Negative_IsRefused()
    {
        Assert.Throws<DomainException>(() => RunTurnLatency.Record(Run, 0, 0, TimeSpan.FromMilliseconds(-1), null, null, null, TimeSpan.Zero));
    }

    [Fact]
    public void ProviderUsage_AddsUp()
    {
        var usage = RunProviderUsage.Start(Run, UsageStage.Llm, "api.openai.com", "gpt-4o-mini");

        usage.Add(100, 20, 0, 0);
        usage.Add(50, 5, 0, 0);

        Assert.Equal((150L, 25L), (usage.PromptTokens, usage.CompletionTokens));
        Assert.Throws<DomainException>(() => usage.Add(-1, 0, 0, 0));
        Assert.Throws<DomainException>(() => usage.Add(0, 0, 0, double.NaN));
    }

    [Theory]
    [InlineData("openai", true)]
    [InlineData("vllm.internal:8000", true)]
    [InlineData("[::1]:8000", true)]
    [InlineData("https://api.openai.com/v1", false)]
    [InlineData("user:sk-secret@api.openai.com", false)]
    [InlineData("", false)]
    public void ProviderUsage_NamesAProviderByNameOrHost_NeverByAUrlThatCouldCarryAKey(string provider, bool valid)
    {
        Assert.Equal(valid, RunProviderUsage.IsValidProvider(provider));
        if (!valid) Assert.Throws<DomainException>(() => RunProviderUsage.Start(Run, UsageStage.Llm, provider, "m"));
    }

    [Fact]
    public void StageCodes_RoundTrip()
    {
        foreach (var stage in Enum.GetValues<UsageStage>()) Assert.Equal(stage, RunProviderUsage.StageOf(RunProviderUsage.CodeOf(stage)));
        Assert.Equal(["stt", "llm", "tts"], Enum.GetValues<UsageStage>().Select(RunProviderUsage.CodeOf));
    }

    [Fact]
    public void Gather_CutsAnOverlongValue_AndALaterValueReplacesTheEarlier()
    {
        var run = RunningRun();

        run.Gather("summary", new string('s', WorkflowRun.MaxGatheredValueLength + 1));
        run.Gather("account", "41");
        run.Gather("account", "42");

        Assert.Equal(WorkflowRun.MaxGatheredValueLength, run.GatheredContext["summary"].Length);
        Assert.Equal("42", run.GatheredContext["account"]);
    }

    [Fact]
    public void Gather_RefusesMoreKeysThanTheBound_ButStillReplacesKnownOnes()
    {
        var run = RunningRun();
        for (var i = 0; i < WorkflowRun.MaxGatheredEntries; i++) run.Gather($"k{i}", "v");

        Assert.Throws<DomainException>(() => run.Gather("one_more", "v"));
        run.Gather("k0", "changed");
        Assert.Equal("changed", run.GatheredContext["k0"]);
        Assert.Equal(1, run.CountNewKeys(["k1", "new"]));
    }

    [Fact]
    public void AttachRecording_WorksAfterTheEnd_AndRefusesNonsense()
    {
        var run = RunningRun();
        run.End(RunEndReason.AgentEnded, T0.AddMinutes(1));

        run.AttachRecording("data/recordings/WR-AGS-00000042.wav");

        Assert.Equal("data/recordings/WR-AGS-00000042.wav", run.RecordingPath);
        Assert.Throws<DomainException>(() => run.AttachRecording(" "));
        Assert.Throws<DomainException>(() => run.AttachRecording(new string('p', WorkflowRun.MaxRecordingPathLength + 1)));
    }
}
