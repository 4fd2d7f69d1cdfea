using CleanAgent.Domain.Common;
using CleanAgent.Domain.Runs;

namespace CleanAgent.UnitTests.Domain;

public sealed class WorkflowRunTests
{
    private static readonly DateTime T0 = new(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);

    private static readonly RunSpec Spec = new(new PinnedVersion(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()), CallType.Inbound,
        CallMode.Of("cloudonix"), new Dictionary<string, string> { ["provider"] = "cloudonix", ["caller_number"] = "+1555" });

    private static WorkflowRun NewRun() => WorkflowRun.Create("WR-AGS-00000042", Spec, Guid.NewGuid(), Guid.NewGuid(), T0);

    private static WorkflowRun RunIn(WorkflowRunState state)
    {
        var run = NewRun();
        switch (state)
        {
            case WorkflowRunState.Running:
                run.Start(T0);
                break;
            case WorkflowRunState.Completed:
                run.Start(T0);
                run.End(RunEndReason.UserHangup, T0.AddSeconds(1));
                break;
            case WorkflowRunState.Failed:
                run.End(RunEndReason.QuotaExceeded, T0);
                break;
        }

        Assert.Equal(state, run.State);
        return run;
    }

    [Fact]
    public void Create_StartsInCreated_WithNoTimesYet()
    {
        var run = NewRun();

        Assert.Equal(WorkflowRunState.Created, run.State);
        Assert.Null(run.StartedAt);
        Assert.Null(run.EndedAt);
        Assert.Null(run.EndReason);
        Assert.False(run.IsEnded);
    }

    [Fact]
    public void Start_FromCreated_IsRunning_FromThatMoment()
    {
        var run = NewRun();

        run.Start(T0.AddSeconds(3));

        Assert.Equal(WorkflowRunState.Running, run.State);
        Assert.Equal(T0.AddSeconds(3), run.StartedAt);
    }

    [Fact]
    public void End_ForACompletingReason_FromRunning_RecordsReasonEndAndDurationSinceStart()
    {
        var run = RunIn(WorkflowRunState.Running);

        run.End(RunEndReason.AgentEnded, T0.AddSeconds(61.5));

        Assert.Equal(WorkflowRunState.Completed, run.State);
        Assert.Equal(RunEndReason.AgentEnded, run.EndReason);
        Assert.Equal(T0.AddSeconds(61.5), run.EndedAt);
        Assert.Equal(61.5, run.DurationSeconds);
        Assert.True(run.IsEnded);
    }

    [Fact]
    public void End_ForAFailingReason_FromRunning_FailsTheRun_WithDuration()
    {
        var run = RunIn(WorkflowRunState.Running);

        run.End(RunEndReason.ServerError, T0.AddSeconds(5));

        Assert.Equal(WorkflowRunState.Failed, run.State);
        Assert.Equal(RunEndReason.ServerError, run.EndReason);
        Assert.Equal(5, run.DurationSeconds);
    }

    [Fact]
    public void EndAsLost_EndsAtTheOwnersLastHeartbeat_NotWhenTheLossWasNoticed()
    {
        var run = RunIn(WorkflowRunState.Running);

        run.EndAsLost(ownerLastSeen: T0.AddSeconds(7), now: T0.AddSeconds(61));

        Assert.Equal((WorkflowRunState.Failed, RunEndReason.ServerLost), (run.State, run.EndReason));
        Assert.Equal(T0.AddSeconds(7), run.EndedAt);
        Assert.Equal(7, run.DurationSeconds);
    }

    [Theory]
    [InlineData(-30, 0)]   // the owner's last beat came before this call started on it
    [InlineData(120, 61)]  // a clock ahead of the sweeper's: never later than now
    public void EndAsLost_StaysWithinTheRunsLife(int lastSeenSeconds, double expectedDuration)
    {
        var run = RunIn(WorkflowRunState.Running);

        run.EndAsLost(T0.AddSeconds(lastSeenSeconds), now: T0.AddSeconds(61));

        Assert.Equal(expectedDuration, run.DurationSeconds);
    }

    [Fact]
    public void End_ForAFailingReason_FromCreated_IsARefusedCall_WithZeroDuration()
    {
        var run = NewRun();

        run.End(RunEndReason.QuotaExceeded, T0.AddSeconds(2));

        Assert.Equal(WorkflowRunState.Failed, run.State);
        Assert.Equal(RunEndReason.QuotaExceeded, run.EndReason);
        Assert.Null(run.StartedAt);
        Assert.Equal(0, run.DurationSeconds);
    }

    [Theory]
    [InlineData(WorkflowRunState.Running)]
    [InlineData(WorkflowRunState.Completed)]
    [InlineData(WorkflowRunState.Failed)]
    public void Start_WhenNotCreated_IsRefused(WorkflowRunState from)
    {
        var run = RunIn(from);

        var refused = Assert.Throws<InvalidRunTransitionException>(() => run.Start(T0));

        Assert.Equal(from, refused.From);
        Assert.Equal(WorkflowRunState.Running, refused.To);
        Assert.Equal(from, run.State);
    }

    [Theory]
    [InlineData(WorkflowRunState.Created)]
    [InlineData(WorkflowRunState.Completed)]
    [InlineData(WorkflowRunState.Failed)]
    public void End_ForACompletingReason_WhenNotRunning_IsRefused(WorkflowRunState from)
    {
        var run = RunIn(from);
        var reasonBefore = run.EndReason;

        var refused = Assert.Throws<InvalidRunTransitionException>(() => run.End(RunEndReason.UserHangup, T0));

        Assert.Equal(WorkflowRunState.Completed, refused.To);
        Assert.Equal(from, run.State);
        Assert.Equal(reasonBefore, run.EndReason);
    }

    [Theory]
    [InlineData(WorkflowRunState.Completed)]
    [InlineData(WorkflowRunState.Failed)]
    public void End_ForAFailingReason_WhenAlreadyEnded_IsRefused(WorkflowRunState from)
    {
        var run = RunIn(from);

        var refused = Assert.Throws<InvalidRunTransitionException>(() => run.End(RunEndReason.ServerError, T0));

        Assert.Equal(WorkflowRunState.Failed, refused.To);
        Assert.Equal(from, run.State);
    }

    [Fact]
    public void Ending_WithoutAReason_IsRefused()
    {
        var run = RunIn(WorkflowRunState.Running);

        Assert.Throws<ArgumentNullException>(() => run.End(null!, T0));
    }

    [Fact]
    public void EveryEndReason_KnowsWhetherItCompletesOrFailsTheRun()
    {
        string[] completing = ["user_hangup", "agent_ended", "user_idle", "max_duration"];

        Assert.All(RunEndReason.All, reason => Assert.Equal(completing.Contains(reason.Code), reason.CompletesTheRun));
        Assert.Equal(13, RunEndReason.All.Count);
        Assert.All(RunEndReason.All, reason => Assert.Same(reason, RunEndReason.FromCode(reason.Code)));
        Assert.Null(RunEndReason.FromCode("no_such_reason"));
    }

    [Fact]
    public void Admit_IsRunningFromThatMoment_HoldingItsSlot()
    {
        var slot = Guid.NewGuid();

        var run = WorkflowRun.Admit("WR-AGS-00000043", Spec, slot, Guid.NewGuid(), T0);

        Assert.Equal((WorkflowRunState.Running, T0, slot), (run.State, run.StartedAt, run.CapacityReservationId));
        Assert.Equal(Spec.Version, new PinnedVersion(run.OrganizationId, run.AgentId, run.AgentVersionId));
        Assert.Equal("cloudonix", run.Mode.Name);
    }

    [Fact]
    public void Refuse_FailsAtOnce_HoldingNoSlot_AndOnlyForAFailingReason()
    {
        var run = WorkflowRun.Refuse("WR-AGS-00000044", Spec, RunEndReason.QuotaExceeded, Guid.NewGuid(), T0);

        Assert.Equal((WorkflowRunState.Failed, RunEndReason.QuotaExceeded, 0.0), (run.State, run.EndReason, run.DurationSeconds));
        Assert.Null(run.CapacityReservationId);
        Assert.Throws<DomainException>(() => WorkflowRun.Refuse("WR-AGS-00000045", Spec, RunEndReason.UserHangup, Guid.NewGuid(), T0));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Cloudonix")]
    [InlineData("9lives")]
    [InlineData("cloud onix")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]
    public void CallMode_RefusesWhatIsNotAProviderName(string name)
    {
        Assert.Throws<DomainException>(() => CallMode.Of(name));
    }

    [Theory]
    [InlineData("WR-AGS-1234567")]
    [InlineData("WR-AGS-123456789")]
    [InlineData("WR-AGS-1234567a")]
    [InlineData("WR-XYZ-12345678")]
    public void Create_WithAMalformedName_IsRefused(string name)
    {
        Assert.Throws<DomainException>(() => WorkflowRun.Create(name, Spec, null, Guid.NewGuid(), T0));
    }

    [Fact]
    public void MergeInitialContext_AddsNewKeys_AndNeverOverridesExistingOnes()
    {
        var run = NewRun();

        run.MergeInitialContext(new Dictionary<string, string> { ["caller_number"] = "spoofed", ["ticket"] = "T-1" });

        Assert.Equal("+1555", run.InitialContext["caller_number"]);
        Assert.Equal("T-1", run.InitialContext["ticket"]);
        Assert.Equal("cloudonix", run.InitialContext["provider"]);
    }
}
