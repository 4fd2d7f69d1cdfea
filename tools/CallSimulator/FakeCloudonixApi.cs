using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAgent.CallSimulator;

/// <summary>
/// A real HTTP server (Kestrel on 127.0.0.1) standing in for the Cloudonix REST API, so that a CleanAgent whose
/// Cloudonix base URL points here can hang calls up, and a test or a demo can see exactly what it sent.
/// </summary>
/// <remarks>
/// Only call control that CleanAgent uses is implemented: <c>DELETE /customers/self/domains/{domain}/sessions/{callSid}</c>,
/// answered <c>204</c> unless <see cref="FailNext"/> asked for failures. Other requests are not recorded.
/// </remarks>
public sealed class FakeCloudonixApi : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<RecordedHangup> _hangups = [];
    private readonly List<(string CallSid, TaskCompletionSource<RecordedHangup> Waiter)> _waiters = [];
    private WebApplication? _app;
    private int _failuresLeft;
    private int _failureStatus;

    private FakeCloudonixApi() { }

    /// <summary>Raised (on a server thread) after each hang-up request has been recorded.</summary>
    public event EventHandler<RecordedHangup>? HangupRecorded;

    /// <summary>Where the fake listens, e.g. <c>http://127.0.0.1:5099/</c>: configure it as CleanAgent's Cloudonix base URL.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every hang-up request received so far, in arrival order (failed ones included).</summary>
    public IReadOnlyList<RecordedHangup> Hangups
    {
        get
        {
            lock (_gate) return [.. _hangups];
        }
    }

    /// <summary>Starts the fake on 127.0.0.1:<paramref name="port"/> (0: any free port; see <see cref="BaseAddress"/>).</summary>
    public static async Task<FakeCloudonixApi> StartAsync(int port = 0)
    {
        var api = new FakeCloudonixApi();
        // The empty builder reads no configuration, environment or appsettings and logs nothing: the fake behaves
        // the same wherever it runs and keeps the console free for what the simulator prints.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        // Anything else gets routing's own answer (404, or 405 for another method on this path) and is not recorded.
        app.MapMethods("/customers/self/domains/{domain}/sessions/{callSid}", [HttpMethods.Delete], (RequestDelegate)api.HandleHangupAsync);

        await app.StartAsync();
        api._app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        api.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return api;
    }

    /// <summary>
    /// Makes the next <paramref name="count"/> hang-up requests answer <paramref name="statusCode"/> (still recorded),
    /// to exercise the caller's retries. Replaces any failures still pending.
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

    /// <summary>
    /// The first successful (2xx) hang-up of <paramref name="callSid"/>, waiting for it up to <paramref name="timeout"/>.
    /// </summary>
    /// <exception cref="TimeoutException">No successful hang-up of that call arrived in time.</exception>
    public Task<RecordedHangup> WaitForHangupAsync(string callSid, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(callSid);
        TaskCompletionSource<RecordedHangup> waiter;
        lock (_gate)
        {
            var done = _hangups.Find(h => h.Succeeded && h.CallSid == callSid);
            if (done is not null) return Task.FromResult(done);
            waiter = new TaskCompletionSource<RecordedHangup>(TaskCreationOptions.RunContinuationsAsynchronously);
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

    private async Task<RecordedHangup> WaitAsync(TaskCompletionSource<RecordedHangup> waiter, TimeSpan timeout, string callSid)
    {
        try
        {
            return await waiter.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            lock (_gate) _waiters.RemoveAll(w => w.Waiter == waiter);
            throw new TimeoutException($"No successful hang-up of call {callSid} within {timeout.TotalSeconds:0.###} s.");
        }
    }

    private Task HandleHangupAsync(HttpContext context)
    {
        var domain = (string)context.Request.RouteValues["domain"]!;
        var callSid = (string)context.Request.RouteValues["callSid"]!;
        var authorization = context.Request.Headers.Authorization.Count > 0 ? context.Request.Headers.Authorization.ToString() : null;

        RecordedHangup hangup;
        List<TaskCompletionSource<RecordedHangup>> released = [];
        lock (_gate)
        {
            var status = StatusCodes.Status204NoContent;
            if (_failuresLeft > 0)
            {
                _failuresLeft--;
                status = _failureStatus;
            }

            hangup = new RecordedHangup(domain, callSid, authorization, DateTimeOffset.UtcNow, status);
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
        return Task.CompletedTask;
    }
}
