using CleanAgent.Application.Calls;
using CleanAgent.CallSimulator;
using CleanAgent.Domain.Runs;
using CleanAgent.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAgent.IntegrationTests.Calls;

/// <summary>
/// Barge-in through the agent port: a test agent speaks a long utterance and, as soon as the caller speaks over
/// it, clears. The session must drop the queued audio and send <c>clear</c> at once.
/// </summary>
public abstract class BargeInTests(BargeInTests.Fixture fixture, Caller caller)
{
    public sealed class Fixture : MediaHostFixture
    {
        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddSingleton<ICallAgentFactory>(new InterruptibleSpeakerFactory());
    }

    [Fact]
    public async Task CallerSpeakingOverTheAgent_ProducesClear_AndTheRestOfTheUtteranceIsDropped()
    {
        var tenant = await fixture.TenantAsync(caller, Domain.Agents.AgentKind.Voice);
        // Half a second of silence, then the caller talks over the agent's ten-second utterance.
        var speech = MuLawFrames.Silence(25).Concat(ToneGenerator.SineFrames(440, 8000, TimeSpan.FromSeconds(1))).ToList();

        var call = await SimulatedCall.RunAsync(fixture.CallTo(caller, tenant) with { OutboundFrames = speech, HoldAfterAudio = TimeSpan.FromSeconds(1) }, TestContext.Current.CancellationToken);

        Assert.Null(call.Error);
        Assert.Equal(1, call.ClearsReceived);
        // Ten seconds were queued; only what played before the barge-in (and the small lead) went out.
        Assert.InRange(call.ReceivedFrames.Count, 1, InterruptibleSpeaker.UtteranceFrames / 2);
        // The mark placed after the utterance is still sent, and echoed by the provider on clear.
        Assert.Contains(InterruptibleSpeaker.UtteranceMark, call.ReceivedMarks);
        Assert.Equal(RunEndReason.UserHangup, (await fixture.EndedRunAsync(tenant)).EndReason);
    }

    private sealed class InterruptibleSpeakerFactory : ICallAgentFactory
    {
        public ICallAgent Create(CallAgentContext context) => new InterruptibleSpeaker();
    }

    /// <summary>Speaks ten seconds, then listens; the first loud caller frame while speaking is a barge-in.</summary>
    private sealed class InterruptibleSpeaker : ICallAgent
    {
        public const int UtteranceFrames = 500;
        public const string UtteranceMark = "utterance-1";

        public async Task RunAsync(ICallSession call, CancellationToken cancellationToken)
        {
            call.Play(ToneGenerator.Sine(300, 6000, TimeSpan.FromMilliseconds(20 * UtteranceFrames)));
            call.Mark(UtteranceMark);
            var interrupted = false;
            await foreach (var callEvent in call.Events.ReadAllAsync(cancellationToken))
            {
                if (callEvent.Audio is not { } audio) continue;
                using (audio)
                {
                    if (!interrupted && Loud(audio.Samples))
                    {
                        call.ClearAudio();
                        interrupted = true;
                    }
                }
            }
        }

        private static bool Loud(ReadOnlySpan<short> samples)
        {
            long energy = 0;
            foreach (var sample in samples) energy += sample * sample;
            return energy / samples.Length > 1000 * 1000;
        }
    }
}

public sealed class CloudonixBargeInTests(BargeInTests.Fixture fixture) : BargeInTests(fixture, Caller.Cloudonix), IClassFixture<BargeInTests.Fixture>;

public sealed class TwilioBargeInTests(BargeInTests.Fixture fixture) : BargeInTests(fixture, Caller.Twilio), IClassFixture<BargeInTests.Fixture>;
