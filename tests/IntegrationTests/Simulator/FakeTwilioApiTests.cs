using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CleanAgent.CallSimulator;

namespace CleanAgent.IntegrationTests.Simulator;

public sealed class FakeTwilioApiTests
{
    private const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    private const string AuthToken = "fake-twilio-token-0123456789";
    private static readonly HttpClient Http = new();

    private static async Task<FakeTwilioApi> StartAsync()
    {
        var api = await FakeTwilioApi.StartAsync();
        api.AllowAccount(AccountSid, AuthToken);
        return api;
    }

    private static Task<HttpResponseMessage> PostAsync(FakeTwilioApi api, string callSid, string? user = AccountSid, string? password = AuthToken, string? status = "completed")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(api.BaseAddress, $"2010-04-01/Accounts/{AccountSid}/Calls/{callSid}.json"))
        {
            Content = new FormUrlEncodedContent(status is null ? [] : [new KeyValuePair<string, string>("Status", status)]),
        };
        if (user is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Hangup_WithTheAccountsBasicCredentials_IsAnswered200WithTheCall_AndRecorded()
    {
        await using var api = await StartAsync();

        using var response = await PostAsync(api, "CA1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(("CA1", "completed"), (body.GetProperty("sid").GetString(), body.GetProperty("status").GetString()));
        Assert.Equal("127.0.0.1", api.BaseAddress.Host);
        var hangup = Assert.Single(api.Hangups);
        Assert.Equal((AccountSid, "CA1", "completed", 200), (hangup.AccountSid, hangup.CallSid, hangup.Status, hangup.StatusReturned));
        Assert.Equal((AccountSid, AuthToken), hangup.BasicCredentials);
        Assert.True(hangup.Succeeded);
    }

    [Theory]
    [InlineData(AccountSid, "wrong-token")]
    [InlineData("AC00000000000000000000000000000000", AuthToken)]
    [InlineData(null, null)]
    public async Task OtherCredentials_Are401_AndRecorded(string? user, string? password)
    {
        await using var api = await StartAsync();

        using var response = await PostAsync(api, "CA2", user, password);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(401, Assert.Single(api.Hangups).StatusReturned);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("in-progress")]
    public async Task AMissingOrUnknownStatus_Is400(string? status)
    {
        await using var api = await StartAsync();

        using var response = await PostAsync(api, "CA3", status: status);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(status, Assert.Single(api.Hangups).Status);
    }

    [Fact]
    public async Task FailNext_AnswersThatStatus_ThenSucceeds_AndWaitForHangupReturnsTheSuccess()
    {
        await using var api = await StartAsync();
        api.FailNext(2, 502);
        var waiting = api.WaitForHangupAsync("CA4", TimeSpan.FromSeconds(10));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await PostAsync(api, "CA4");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.BadGateway, HttpStatusCode.BadGateway, HttpStatusCode.OK], statuses);
        Assert.Same(api.Hangups[2], await waiting);
    }

    [Fact]
    public async Task WaitForHangup_WithoutOne_TimesOut()
    {
        await using var api = await StartAsync();
        using (await PostAsync(api, "CA5", password: "wrong")) { }

        await Assert.ThrowsAsync<TimeoutException>(() => api.WaitForHangupAsync("CA5", TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public async Task Printing_AHangup_NeverShowsTheWholeToken()
    {
        await using var api = await StartAsync();
        using (await PostAsync(api, "CA6")) { }

        var line = Assert.Single(api.Hangups).ToString();

        Assert.Contains(AccountSid, line, StringComparison.Ordinal);
        Assert.Contains("fake… (28 chars)", line, StringComparison.Ordinal);
        Assert.DoesNotContain(AuthToken, line, StringComparison.Ordinal);
    }
}
