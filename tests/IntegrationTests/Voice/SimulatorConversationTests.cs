using CleanAgent.Application.Calls;
using CleanAgent.CallSimulator;
using CleanAgent.CallSimulator.Cli;
using CleanAgent.CallSimulator.FakeProviders;

namespace CleanAgent.IntegrationTests.Voice;

/// <summary>The simulator talks to a voice agent from the command line: <c>call --say-wav FILE</c>.</summary>
public sealed class SimulatorConversationTests(VoiceCallFixture fixture) : IClassFixture<VoiceCallFixture>
{
    [Fact]
    public async Task SayWav_SpeaksAfterTheGreeting_GetsAnAnswer_AndCountsNoFramesLost()
    {
        fixture.OpenAi.Reset();
        fixture.OpenAi.EnqueueTranscription("Is anyone there?");
        fixture.OpenAi.EnqueueChatReply(FakeChatReply.Text("Yes, I am here."));
        var tenant = await fixture.VoiceTenantAsync();
        var wav = Path.Combine(Path.GetTempPath(), $"say-{Guid.NewGuid():N}.wav");
        WavFile.WriteSamples(wav, SpeechLikeSignal.Generate(TelephonyAudio.SampleRate, TimeSpan.FromSeconds(1.2)));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        try
        {
            var exit = await CallSimulatorCli.RunAsync(
                ["call", "--url", fixture.Host.BaseAddress.ToString(), "--agent", tenant.AgentUuid.ToString(), "--api-key", tenant.ApiKey.Value,
                 "--say-wav", wav, "--say-after", "2", "--hold-seconds", "4"],
                stdout, stderr);

            Assert.True(exit == 0, $"exit {exit}: {stderr}");
        }
        finally
        {
            File.Delete(wav);
        }

        var text = stdout.ToString();
        Assert.Contains("lost n/a (no echo expected)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("lost 1", text, StringComparison.Ordinal);
        var run = await fixture.EndedRunDetailsAsync(tenant);
        Assert.Equal(["Hi, this is Acme.", "Is anyone there?", "Yes, I am here."], run.Transcript.Select(t => t.Text));
    }
}
