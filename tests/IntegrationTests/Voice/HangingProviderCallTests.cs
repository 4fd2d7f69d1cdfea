using CleanAgent.Application.Voice.Conversation;
using CleanAgent.CallSimulator;
using CleanAgent.CallSimulator.FakeProviders;

namespace CleanAgent.IntegrationTests.Voice;

/// <summary>
/// "Never dead air" with the default provider timeout (5 s): an LLM that never answers is retried once and the call
/// ends <c>provider_error</c>, and all the while the caller is never left in silence for much more than two seconds.
/// </summary>
public sealed class HangingProviderCallTests(HangingProviderCallTests.Fixture fixture) : IClassFixture<HangingProviderCallTests.Fixture>
{
    public sealed class Fixture : VoiceCallFixture
    {
        protected override IReadOnlyDictionary<string, string> VoiceSettings => new Dictionary<string, string>(base.VoiceSettings)
        {
            ["Voice:ProviderTimeout"] = "00:00:05",
        };
    }

    [Fact]
    public async Task AnLlmThatHangs_FillsTheSilence_RetriesOnce_AndEndsProviderError()
    {
        fixture.OpenAi.Reset();
        fixture.OpenAi.FailNext(FakeOpenAiEndpoint.ChatCompletions, FakeFault.Hang, 4);
        var tenant = await fixture.VoiceTenantAsync();
        var call = fixture.CallTo(tenant) with
        {
            OutboundFrames = VoiceCallFixture.Says(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)),
            SendStop = false,
            MaxCallDuration = TimeSpan.FromSeconds(35),
        };

        var result = await SimulatedCall.RunAsync(call, TestContext.Current.CancellationToken);

        Assert.Null(result.Error);
        var run = await fixture.EndedRunDetailsAsync(tenant);
        Assert.Equal("provider_error", run.EndReason);
        Assert.Equal(2, fixture.OpenAi.ChatRequests.Count); // one attempt, one retry
        var spoken = fixture.OpenAi.SpeechRequests.Select(r => r.Input).ToList();
        Assert.True(spoken.Count(s => s == AgentLines.OneMoment) >= 2, string.Join(" | ", spoken));
        Assert.Equal(AgentLines.ProviderErrorApology, spoken[^1]);

        // When each agent frame arrived (from start), and the longest silence after the caller's turn ended (~3.7 s).
        var arrivals = new List<TimeSpan> { result.FirstAudioTime!.Value };
        foreach (var interval in result.ReceivedFrameIntervals) arrivals.Add(arrivals[^1] + interval);
        var afterCallerTurn = arrivals.Where(a => a > TimeSpan.FromSeconds(4)).ToList();
        var longest = afterCallerTurn.Zip(afterCallerTurn.Skip(1), (a, b) => b - a).Max();
        var gaps = string.Join(", ", afterCallerTurn.Zip(afterCallerTurn.Skip(1), (a, b) => (a, b - a)).Where(g => g.Item2 > TimeSpan.FromSeconds(0.5)).Select(g => $"{g.a.TotalSeconds:0.0}+{g.Item2.TotalSeconds:0.00}"));
        Assert.True(longest < TimeSpan.FromSeconds(2.6), $"dead air of {longest.TotalSeconds:0.00} s; gaps {gaps}; spoken {string.Join(" | ", spoken)}");
    }
}
