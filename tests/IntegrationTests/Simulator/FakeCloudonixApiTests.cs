using System.Net;
using System.Net.Http.Headers;
using CleanAgent.CallSimulator;

namespace CleanAgent.IntegrationTests.Simulator;

public sealed class FakeCloudonixApiTests
{
    private static readonly HttpClient Http = new();

    private static Task<HttpResponseMessage> HangUpAsync(FakeCloudonixApi api, string domain, string callSid, string? token = "secret-token-123")
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(api.BaseAddress, $"customers/self/domains/{domain}/sessions/{callSid}"));
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Hangup_IsAnswered204_AndRecordedWithDomainCallAndBearer()
    {
        await using var api = await FakeCloudonixApi.StartAsync();

        using var response = await HangUpAsync(api, "acme.cloudonix.net", "CA123");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("127.0.0.1", api.BaseAddress.Host);
        var hangup = Assert.Single(api.Hangups);
        Assert.Equal("acme.cloudonix.net", hangup.Domain);
        Assert.Equal("CA123", hangup.CallSid);
        Assert.Equal("Bearer secret-token-123", hangup.Authorization);
        Assert.Equal("secret-token-123", hangup.BearerToken);
        Assert.Equal(204, hangup.StatusReturned);
        Assert.True(hangup.At > DateTimeOffset.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public async Task FailNext_AnswersThatStatus_ThenSucceeds_AndRecordsEveryAttempt()
    {
        await using var api = await FakeCloudonixApi.StartAsync();
        api.FailNext(2, 502);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await HangUpAsync(api, "acme", "CA9");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.BadGateway, HttpStatusCode.BadGateway, HttpStatusCode.NoContent], statuses);
        Assert.Equal([502, 502, 204], api.Hangups.Select(h => h.StatusReturned));
        var success = await api.WaitForHangupAsync("CA9", TimeSpan.FromSeconds(1));
        Assert.Same(api.Hangups[2], success);
    }

    [Fact]
    public async Task WaitForHangup_CompletesWhenTheSuccessfulHangupArrives_IgnoringOtherCallsAndFailures()
    {
        await using var api = await FakeCloudonixApi.StartAsync();
        var waiting = api.WaitForHangupAsync("CA-wanted", TimeSpan.FromSeconds(10));
        api.FailNext(1);

        (await HangUpAsync(api, "acme", "CA-wanted")).Dispose();
        (await HangUpAsync(api, "acme", "CA-other")).Dispose();
        Assert.False(waiting.IsCompleted);
        (await HangUpAsync(api, "acme", "CA-wanted")).Dispose();

        var hangup = await waiting;
        Assert.Equal("CA-wanted", hangup.CallSid);
        Assert.Equal(204, hangup.StatusReturned);
    }

    [Fact]
    public async Task WaitForHangup_WithoutOne_ThrowsTimeout()
    {
        await using var api = await FakeCloudonixApi.StartAsync();
        api.FailNext(1);
        (await HangUpAsync(api, "acme", "CA1")).Dispose();

        await Assert.ThrowsAsync<TimeoutException>(() => api.WaitForHangupAsync("CA1", TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task OtherMethodsAndPaths_AreNotRecordedAsHangups()
    {
        await using var api = await FakeCloudonixApi.StartAsync();

        using var get = await Http.GetAsync(new Uri(api.BaseAddress, "customers/self/domains/acme/sessions/CA1"), TestContext.Current.CancellationToken);
        using var other = await Http.DeleteAsync(new Uri(api.BaseAddress, "customers/self/domains/acme/calls/CA1"), TestContext.Current.CancellationToken);

        Assert.False(get.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Empty(api.Hangups);
    }

    [Fact]
    public async Task Hangup_WithoutAuthorization_IsRecordedAsSuch()
    {
        await using var api = await FakeCloudonixApi.StartAsync();

        (await HangUpAsync(api, "acme", "CA1", token: null)).Dispose();

        var hangup = Assert.Single(api.Hangups);
        Assert.Null(hangup.Authorization);
        Assert.Null(hangup.BearerToken);
    }

    [Fact]
    public void RecordedHangup_Text_ShowsOnlyTheTokensStartAndLength()
    {
        var hangup = new RecordedHangup("acme", "CA1", "Bearer abcdefghijklmnop", DateTimeOffset.UtcNow, 204);

        var text = hangup.ToString();

        Assert.DoesNotContain("abcdefghijklmnop", text, StringComparison.Ordinal);
        Assert.DoesNotContain("efgh", text, StringComparison.Ordinal);
        Assert.Contains("abcd", text, StringComparison.Ordinal);
        Assert.Contains("16", text, StringComparison.Ordinal);
    }
}
