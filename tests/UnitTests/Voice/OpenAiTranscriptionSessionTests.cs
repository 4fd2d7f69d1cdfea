using CleanAgent.Application.Common;
using CleanAgent.Application.Voice;
using CleanAgent.Infrastructure.Voice.OpenAi;

namespace CleanAgent.UnitTests.Voice;

public sealed class OpenAiTranscriptionSessionTests
{
    private static OpenAiTranscriptionSession Session() =>
        new(null!, new SpeechToTextSettings(SpeechToTextProvider.OpenAi, new Uri("http://localhost/v1"), (Secret?)null, "whisper-1", "en"), []);

    [Fact]
    public void HeldAudio_IsBoundedToTheLastThirtySeconds()
    {
        var session = Session();
        var frame = new short[160];

        for (var i = 0; i < 50 * 45; i++) session.SendAudio(frame);

        Assert.Equal(OpenAiTranscriptionSession.MaxUtteranceSeconds * 8000, session.BufferedSamples);
    }

    [Fact]
    public async Task FinishingWithNoAudio_IsAnEmptyTranscript_WithoutARequest()
    {
        var session = Session();

        var result = await session.FinishUtteranceAsync(TimeSpan.Zero, CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.True(result.Value.IsEmpty);
        Assert.Equal(TimeSpan.Zero, session.Usage.Audio);
    }

    [Fact]
    public async Task Events_CompleteWhenTheSessionEnds_WithNothingReported()
    {
        var session = Session();

        await session.DisposeAsync();

        Assert.True(session.Events.Completion.IsCompleted);
        Assert.False(session.Events.TryRead(out _));
    }
}
