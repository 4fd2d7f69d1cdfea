using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAgent.CallSimulator;

/// <summary>
/// A real HTTP server (Kestrel on 127.0.0.1) standing in for Twilio's REST API, so that a CleanAgent whose Twilio base
/// URL points here can hang calls up, and a test or a demo can see exactly what it sent.
/// </summary>
/// <remarks>
/// Only the call control CleanAgent uses is implemented: <c>POST /2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}.json</c>
/// with a form <c>Status=completed</c> (or <c>canceled</c>). HTTP Basic must carry an account SID and auth token given to
/// <see cref="AllowAccount"/> (401 otherwise), the form a known <c>Status</c> (400 otherwise); then 200 with the call's
/// JSON, unless <see cref="FailNext"/> asked for failures. Every such request is recorded; other requests are not.
/// </remarks>
public sealed class FakeTwilioApi : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _accounts = new(StringComparer.Ordinal);
    private readonly List<RecordedTwilioHangup> _hangups = [];
    private readonly List<(string CallSid, TaskCompletionSource<RecordedTwilioHangup> Waiter)> _waiters = [];
    private WebApplication? _app;
    private int _failuresLeft;
    private int _failureStatus;

    private FakeTwilioApi() { }

    /// <summary>Raised (on a server thread) after each request has been recorded.</summary>
    public event EventHandler<RecordedTwilioHangup>? HangupRecorded;

    /// <summary>Where the fake listens, e.g. <c>http://127.0.0.1:5098/</c>: configure it as CleanAgent's <c>Twilio:ApiBaseUrl</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every request received so far, in arrival order (refused and failed ones included).</summary>
    public IReadOnlyList<RecordedTwilioHangup> Hangups
    {
        get
        {
            lock (_gate) return [.. _hangups];
        }
    }

    /// <summary>Starts the fake on 127.0.0.1:<paramref name="port"/> (0: any free port; see <see cref="BaseAddress"/>).</summary>
    public static async Task<FakeTwilioApi> StartAsync(int port = 0)
    {
        var api = new FakeTwilioApi();
        // The empty builder reads no configuration, environment or appsettings and logs nothing: the fake behaves the
        // same wherever it runs and keeps the console free for what the simulator prints.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.MapMethods("/2010-04-01/Accounts/{accountSid}/Calls/{callSid}.json", [HttpMethods.Post], (RequestDelegate)api.HandleAsync);

        await app.StartAsync();
        api._app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        api.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return api;
    }

    /// <summary>Accepts HTTP Basic with this account SID and auth token from now on (a second call for the SID replaces its token).</summary>
    public void AllowAccount(string accountSid, string authToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountSid);
        ArgumentException.ThrowIfNullOrEmpty(authToken);
        lock (_gate) _accounts[accountSid] = authToken;
    }

    /// <summary>
    /// Makes the next <paramref name="count"/> authorized requests answer <paramref name="statusCode"/> (still recorded), to
    /// exercise the caller's retries. Replaces any failures still pending.
    /// </summary>
    public void FailNext(int count, int statusCode = 503)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        lock (_gate)
        {
            _failuresLeft = count;
            _failureStatus = statusCode;
        }
    }

    /// <summary>The first successful (2xx) hang-up of <paramref name="callSid"/>, waiting for it up to <paramref name="timeout"/>.</summary>
    /// <exception cref="TimeoutException">No successful hang-up of that call arrived in time.</exception>
    public Task<RecordedTwilioHangup> WaitForHangupAsync(string callSid, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(callSid);
        TaskCompletionSource<RecordedTwilioHangup> waiter;
        lock (_gate)
        {
            var done = _hangups.Find(h => h.Succeeded && h.CallSid == callSid);
            if (done is not null) return Task.FromResult(done);
            waiter = new TaskCompletionSource<RecordedTwilioHangup>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((callSid, waiter));
        }

        return WaitAsync(waiter, timeout, callSid);
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    private async Task<RecordedTwilioHangup> WaitAsync(TaskCompletionSource<RecordedTwilioHangup> waiter, TimeSpan timeout, string callSid)
    {
        try
        {
            return await waiter.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            lock (_gate) _waiters.RemoveAll(w => w.Waiter == waiter);
            throw new TimeoutException($"No successful Twilio hang-up of call {callSid} within {timeout.TotalSeconds:0.###} s.");
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var accountSid = (string)context.Request.RouteValues["accountSid"]!;
        var callSid = (string)context.Request.RouteValues["callSid"]!;
        var authorization = context.Request.Headers.Authorization.Count > 0 ? context.Request.Headers.Authorization.ToString() : null;
        string? status = null;
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            status = form.TryGetValue("Status", out var value) ? value.ToString() : null;
        }

        RecordedTwilioHangup hangup;
        List<TaskCompletionSource<RecordedTwilioHangup>> released = [];
        lock (_gate)
        {
            var answer = StatusCodes.Status200OK;
            var probe = new RecordedTwilioHangup(accountSid, callSid, authorization, status, DateTimeOffset.UtcNow, 0);
            if (!Authorized(probe.BasicCredentials)) answer = StatusCodes.Status401Unauthorized;
            else if (status is not ("completed" or "canceled")) answer = StatusCodes.Status400BadRequest;
            else if (_failuresLeft > 0)
            {
                _failuresLeft--;
                answer = _failureStatus;
            }

            hangup = probe with { StatusReturned = answer };
            _hangups.Add(hangup);
            if (hangup.Succeeded)
            {
                foreach (var (sid, waiter) in _waiters)
                    if (sid == callSid) released.Add(waiter);
                _waiters.RemoveAll(w => w.CallSid == callSid);
            }
        }

        foreach (var waiter in released) waiter.TrySetResult(hangup);
        HangupRecorded?.Invoke(this, hangup);
        context.Response.StatusCode = hangup.StatusReturned;
        if (hangup.Succeeded)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new { sid = callSid, account_sid = accountSid, status }), context.RequestAborted);
        }
    }

    /// <summary>Compared in constant time, as a real service would, although nobody attacks a fake.</summary>
    private bool Authorized((string User, string Password)? credentials) =>
        credentials is var (user, password)
        && _accounts.TryGetValue(user, out var token)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(password));
}
