using System.Net;
using System.Security.Cryptography;
using System.Text;
using CleanAgent.Application.Common;
using CleanAgent.Application.Telephony;
using CleanAgent.Domain.Runs;
using CleanAgent.Infrastructure.Telephony;
using CleanAgent.Infrastructure.Telephony.Twilio;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CleanAgent.UnitTests.Telephony;

/// <summary>A Twilio call as the endpoint drives it: <c>start</c>, the origin check, the hang-up.</summary>
public sealed class TwilioCallTests : IDisposable
{
    private const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    private const string CallSid = "CAfedcba9876543210fedcba9876543210";
    private static readonly Guid Organization = new("5e1b3c55-0000-4000-8000-00000000000a");
    private static readonly TelephonyCredentials Stored = new(AccountSid, new Secret("auth-token-0123456789abcdef012345"));
    private static readonly Uri PublicUrl = new("wss://cleanagent.example.com/api/v1/agent-stream/twilio/5e1b3c55-0000-4000-8000-000000000001");

    private readonly RecordingHandler _twilio = new();
    private readonly StoredCredentials _credentials = new();

    public void Dispose() => _twilio.Dispose();

    private IProviderCall Accept(string? signature, Uri? streamUrlBase = null, Uri? publicUrl = null)
    {
        var hangups = new TwilioHangupClient(new HttpClient(_twilio) { BaseAddress = new Uri("https://api.twilio.test/") }, NullLogger<TwilioHangupClient>.Instance);
        var provider = new TwilioProvider(_credentials, hangups, Options.Create(new TwilioOptions { StreamUrlBase = streamUrlBase }));
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (signature is not null) headers["X-Twilio-Signature"] = signature;
        return provider.Accept(new StreamRequest("5e1b3c55-0000-4000-8000-000000000001", "twilio", [], name => headers.GetValueOrDefault(name), publicUrl ?? PublicUrl));
    }

    private void Stores(TelephonyCredentials? credentials) => _credentials.Twilio = credentials;

    private static StreamStart Start(string apiKey = "dg_key") =>
        new("MZ00112233445566778899aabbccddeeff", CallSid, new Dictionary<string, string> { ["api_key"] = apiKey, ["from"] = "+1" }, AccountSid);

    [Fact]
    public void KeyAndParameters_ComeFromStart_NotFromTheUrl()
    {
        var call = Accept(signature: null);
        Assert.Equal(CredentialSource.StartMessage, call.Credentials);
        Assert.True(call.ApiKey.IsBlank);

        var kept = call.TakeStart(Start("dg_from-start"));

        Assert.True(kept.IsSuccess);
        Assert.Equal("dg_from-start", call.ApiKey.Value);
        Assert.False(kept.Value.ContainsKey("api_key"));
        Assert.True(call.ValidateParameters().IsSuccess);
        Assert.Equal(AccountSid, call.InitialContext["account_sid"]);
        Assert.Equal("+1", call.InitialContext["caller_number"]);
    }

    [Fact]
    public async Task WithoutStoredCredentials_AnyRequestIsTaken_AndTheHangUpSendsNothing()
    {
        Stores(null);
        var call = Accept(signature: null);
        call.TakeStart(Start());

        Assert.True((await call.VerifyOriginAsync(Organization, CancellationToken.None)).IsSuccess);
        Assert.True((await call.HangUpAsync(CancellationToken.None)).IsSuccess);
        Assert.Empty(_twilio.Requests);
    }

    [Fact]
    public async Task WithStoredCredentials_ARequestSignedWithTheirToken_IsTaken()
    {
        Stores(Stored);
        var call = Accept(Sign(Stored.AuthToken.Value, PublicUrl.AbsoluteUri));
        call.TakeStart(Start());

        Assert.True((await call.VerifyOriginAsync(Organization, CancellationToken.None)).IsSuccess);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("bm90IGEgc2lnbmF0dXJlIGF0IGFsbA==")]
    public async Task WithStoredCredentials_AMissingOrWrongSignature_IsUnauthorized(string? signature)
    {
        Stores(Stored);
        var call = Accept(signature);
        call.TakeStart(Start());

        var origin = await call.VerifyOriginAsync(Organization, CancellationToken.None);

        Assert.Equal(ErrorKind.Unauthorized, origin.Error?.Kind);
        Assert.Equal("Invalid X-Twilio-Signature.", origin.Error!.Message);
    }

    [Fact]
    public async Task SignatureWithAnotherToken_IsUnauthorized()
    {
        Stores(Stored);
        var call = Accept(Sign("someone-elses-token", PublicUrl.AbsoluteUri));

        Assert.Equal(ErrorKind.Unauthorized, (await call.VerifyOriginAsync(Organization, CancellationToken.None)).Error?.Kind);
    }

    [Fact]
    public async Task BehindAProxyThatRewritesTheHost_TheConfiguredPublicBaseIsWhatWasSigned()
    {
        Stores(Stored);
        var internalUrl = new Uri("ws://10.0.0.7:8080/api/v1/agent-stream/twilio/5e1b3c55-0000-4000-8000-000000000001");
        var signature = Sign(Stored.AuthToken.Value, "wss://public.example.com/voice/api/v1/agent-stream/twilio/5e1b3c55-0000-4000-8000-000000000001");

        Assert.True((await Accept(signature, new Uri("wss://public.example.com/voice/"), internalUrl).VerifyOriginAsync(Organization, CancellationToken.None)).IsSuccess);
        Assert.False((await Accept(signature, streamUrlBase: null, internalUrl).VerifyOriginAsync(Organization, CancellationToken.None)).IsSuccess);
    }

    [Fact]
    public async Task HangUp_WithStoredCredentials_PostsStatusCompleted_ToTheCall_WithBasicAuth()
    {
        Stores(Stored);
        var call = Accept(Sign(Stored.AuthToken.Value, PublicUrl.AbsoluteUri));
        call.TakeStart(Start());
        await call.VerifyOriginAsync(Organization, CancellationToken.None);

        var hangup = await call.HangUpAsync(CancellationToken.None);

        Assert.True(hangup.IsSuccess);
        var request = Assert.Single(_twilio.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal($"https://api.twilio.test/2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}.json", request.Uri.AbsoluteUri);
        Assert.Equal("Basic", request.Scheme);
        Assert.Equal($"{AccountSid}:{Stored.AuthToken.Value}", Encoding.UTF8.GetString(Convert.FromBase64String(request.Parameter!)));
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal("Status=completed", request.Body);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, true)]
    [InlineData(HttpStatusCode.NotFound, true)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.InternalServerError, false)]
    public async Task HangUp_SucceedsOn2xxAndOn404_AndFailsOtherwise(HttpStatusCode status, bool succeeds)
    {
        Stores(Stored);
        _twilio.Answer = status;
        var call = Accept(Sign(Stored.AuthToken.Value, PublicUrl.AbsoluteUri));
        call.TakeStart(Start());
        await call.VerifyOriginAsync(Organization, CancellationToken.None);

        var hangup = await call.HangUpAsync(CancellationToken.None);

        Assert.Equal(succeeds, hangup.IsSuccess);
        if (!succeeds) Assert.DoesNotContain(Stored.AuthToken.Value, hangup.Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AccountSid, "..")]
    [InlineData("..", CallSid)]
    [InlineData(AccountSid, "CA1/../../Messages")]
    public void HangupPath_RefusesIdentifiersThatLeaveTheirSegment(string accountSid, string callSid)
    {
        Assert.Null(TwilioHangupClient.HangupPath(accountSid, callSid));
    }

    [Fact]
    public void HangupPath_StaysUnderTheCallResource()
    {
        var path = TwilioHangupClient.HangupPath(AccountSid, "CA1.x");

        Assert.Equal($"/2010-04-01/Accounts/{AccountSid}/Calls/CA1.x.json", new Uri(new Uri("https://api.twilio.com/"), path).AbsolutePath);
    }

    private static string Sign(string token, string url)
    {
#pragma warning disable CA5350 // Twilio's signature is HMAC-SHA1 by definition.
        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(token));
#pragma warning restore CA5350
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(url)));
    }

    /// <summary>What the organization stored, looked up as the provider does (by organization and provider).</summary>
    private sealed class StoredCredentials : ITelephonyCredentialLookup
    {
        public TelephonyCredentials? Twilio { get; set; }

        public Task<Result<TelephonyCredentials?>> FindAsync(Guid organizationId, CallMode provider, CancellationToken cancellationToken) =>
            Task.FromResult(Result<TelephonyCredentials?>.Success(organizationId == Organization && provider == CallMode.Of("twilio") ? Twilio : null));
    }

    private sealed record SentRequest(HttpMethod Method, Uri Uri, string? Scheme, string? Parameter, string? ContentType, string Body);

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<SentRequest> Requests { get; } = [];
        public HttpStatusCode Answer { get; set; } = HttpStatusCode.OK;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add(new SentRequest(request.Method, request.RequestUri!, request.Headers.Authorization?.Scheme, request.Headers.Authorization?.Parameter,
                request.Content?.Headers.ContentType?.MediaType, body));
            return new HttpResponseMessage(Answer);
        }
    }
}
