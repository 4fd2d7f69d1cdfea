using CleanAgent.Application.Common;
using CleanAgent.Application.Voice;
using CleanAgent.Infrastructure.Voice.Deepgram;
using Microsoft.AspNetCore.WebUtilities;

namespace CleanAgent.UnitTests.Voice;

public sealed class DeepgramListenUrlTests
{
    private static SpeechToTextSettings Settings(string baseUrl, string language = "en") =>
        new(SpeechToTextProvider.Deepgram, new Uri(baseUrl), new Secret("dg-secret-key"), "nova-3", language);

    [Fact]
    public void Url_AsksForPhoneAudioInterimResultsVadEventsAndEndpointing()
    {
        var url = DeepgramListenUrl.Build(Settings("wss://api.deepgram.com"), new SpeechToTextSessionOptions(["Acme", "Acme", "  ", "CleanAgent"], TimeSpan.FromMilliseconds(500)));

        var query = QueryHelpers.ParseQuery(url.Query);
        Assert.Equal("wss", url.Scheme);
        Assert.Equal("api.deepgram.com", url.Host);
        Assert.Equal("/v1/listen", url.AbsolutePath);
        Assert.Equal("mulaw", query["encoding"]);
        Assert.Equal("8000", query["sample_rate"]);
        Assert.Equal("1", query["channels"]);
        Assert.Equal("nova-3", query["model"]);
        Assert.Equal("true", query["interim_results"]);
        Assert.Equal("500", query["endpointing"]);
        Assert.Equal("1000", query["utterance_end_ms"]);
        Assert.Equal("true", query["vad_events"]);
        Assert.Equal("en", query["language"]);
        Assert.Equal(["Acme", "CleanAgent"], query["keyterm"].ToArray());
        Assert.DoesNotContain("dg-secret-key", url.AbsoluteUri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5050", "ws://127.0.0.1:5050/v1/listen")]
    [InlineData("https://deepgram.internal/proxy/", "wss://deepgram.internal/proxy/v1/listen")]
    [InlineData("ws://localhost:8080", "ws://localhost:8080/v1/listen")]
    public void BaseUrl_MapsToAWebSocketListenUrl(string baseUrl, string expected)
    {
        var url = DeepgramListenUrl.Build(Settings(baseUrl), new SpeechToTextSessionOptions([], TimeSpan.FromMilliseconds(300)));

        Assert.Equal(expected, url.GetLeftPart(UriPartial.Path));
    }

    [Fact]
    public void KeytermsAreEscapedAndBounded_AndAnEmptyLanguageIsLeftOut()
    {
        var terms = Enumerable.Range(0, 300).Select(i => $"R&D {i}").Append(new string('x', 500)).ToList();

        var url = DeepgramListenUrl.Build(Settings("wss://api.deepgram.com", language: ""), new SpeechToTextSessionOptions(terms, TimeSpan.FromMilliseconds(500)));

        var query = QueryHelpers.ParseQuery(url.Query);
        Assert.Equal(DeepgramListenUrl.MaxKeyterms, query["keyterm"].Count);
        Assert.Equal("R&D 0", query["keyterm"][0]);
        Assert.False(query.ContainsKey("language"));
    }
}
