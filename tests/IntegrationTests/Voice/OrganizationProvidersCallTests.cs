using System.Net;
using CleanAgent.CallSimulator;
using CleanAgent.CallSimulator.FakeProviders;
using CleanAgent.IntegrationTests.Api;
using CleanAgent.IntegrationTests.Support;

namespace CleanAgent.IntegrationTests.Voice;

/// <summary>
/// Provider settings an organization sets through the REST API are what its next voice call uses: the in-test
/// OpenAI-compatible server receives the organization's own keys and model, while another organization's call still
/// carries the server's.
/// </summary>
public sealed class OrganizationProvidersCallTests(VoiceCallFixture fixture) : IClassFixture<VoiceCallFixture>
{
    private FakeOpenAiApi OpenAi => fixture.OpenAi;

    [Fact]
    public async Task TheOrganizationsKeysAndModel_ReachTheProvider_OnItsNextCall_AndOnlyOnIts()
    {
        OpenAi.Reset();
        var mine = await fixture.VoiceTenantAsync();
        var theirs = await fixture.VoiceTenantAsync();
        using var api = new ManagementApiClient(fixture.Host.BaseAddress, mine.ApiKey);
        foreach (var (stage, body) in new (string, object)[]
                 {
                     ("llm", new { apiKey = "sk-org-llm-0123456789", model = "org-model" }),
                     ("stt", new { apiKey = "sk-org-stt-0123456789" }),
                     ("tts", new { apiKey = "sk-org-tts-0123456789", voice = "org-voice" }),
                 })
            Assert.Equal(HttpStatusCode.OK, (await api.PutAsync($"/api/v1/organization/providers/{stage}", body)).StatusCode);

        OpenAi.EnqueueTranscription("What are your opening hours?");
        OpenAi.EnqueueChatReply(FakeChatReply.Text("We open at nine."));
        await CallAsync(mine, VoiceCallFixture.Says(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1.2), TimeSpan.FromSeconds(4)));
        await fixture.EndedRunDetailsAsync(mine);

        var chat = Assert.Single(OpenAi.ChatRequests);
        Assert.Equal("Bearer sk-org-llm-0123456789", chat.Authorization);
        Assert.Equal("org-model", chat.Model);
        Assert.All(OpenAi.Transcriptions, t => Assert.Equal("Bearer sk-org-stt-0123456789", t.Authorization));
        Assert.NotEmpty(OpenAi.SpeechRequests);
        Assert.All(OpenAi.SpeechRequests, s => Assert.Equal(("Bearer sk-org-tts-0123456789", "org-voice"), (s.Authorization, s.Voice)));

        OpenAi.Reset();
        await CallAsync(theirs, VoiceCallFixture.Silence(TimeSpan.FromSeconds(3)));
        await fixture.EndedRunDetailsAsync(theirs);
        Assert.All(OpenAi.SpeechRequests, s => Assert.Equal("Bearer " + VoiceCallFixture.TtsKey, s.Authorization));
        Assert.NotEmpty(OpenAi.SpeechRequests);
    }

    private async Task CallAsync(Tenant tenant, IReadOnlyList<byte[]> audio)
    {
        var result = await SimulatedCall.RunAsync(fixture.CallTo(tenant) with
        {
            OutboundFrames = audio,
            HoldAfterAudio = TimeSpan.FromMilliseconds(200),
            MaxCallDuration = TimeSpan.FromSeconds(25),
        }, TestContext.Current.CancellationToken);
        Assert.Null(result.Error);
    }
}
