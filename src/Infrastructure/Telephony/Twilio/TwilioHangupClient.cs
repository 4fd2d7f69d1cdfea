using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CleanAgent.Application.Common;
using CleanAgent.Application.Telephony;
using Microsoft.Extensions.Logging;

namespace CleanAgent.Infrastructure.Telephony.Twilio;

/// <summary>
/// Hangs a call up through Twilio's REST API: <c>POST {base}/2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}.json</c>
/// with the form <c>Status=completed</c> and HTTP Basic authentication (account SID and auth token). Retries and
/// timeouts come from the resilience pipeline the client is registered with. The token goes only into the
/// Authorization header, whose value .NET's HTTP logging redacts; it is never in a log line of ours.
/// </summary>
internal sealed partial class TwilioHangupClient(HttpClient http, ILogger<TwilioHangupClient> logger)
{
    /// <param name="accountSid">The account the call belongs to (<c>start.accountSid</c>).</param>
    /// <param name="callSid">The call (<c>start.callSid</c>).</param>
    /// <param name="credentials">What the organization stored: the Basic user and password.</param>
    public async Task<Result> HangUpAsync(string accountSid, string callSid, TelephonyCredentials credentials, CancellationToken cancellationToken)
    {
        if (HangupPath(accountSid, callSid) is not { } path)
            return new Error(ErrorKind.Validation, "The call's identifiers are not safe in a Twilio URL; nothing was sent.");
        try
        {
            using var request = HangupRequest(path, credentials);
            using var response = await http.SendAsync(request, cancellationToken);

            // 404: the call is already gone, which is what a hang-up wants.
            if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound)
            {
                LogHungUp(logger, callSid, accountSid, (int)response.StatusCode);
                return Result.Success();
            }

            return new Error(ErrorKind.Unsupported, $"Twilio answered {(int)response.StatusCode} to the hang-up of {callSid}.");
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or OperationCanceledException or Polly.Timeout.TimeoutRejectedException)
        {
            return new Error(ErrorKind.Unsupported, $"Twilio hang-up of {callSid} failed: {ex.GetType().Name}.");
        }
    }

    /// <summary>
    /// The request as Twilio documents it. Made afresh for each send by the caller: the resilience pipeline retries
    /// the same message, whose form content is a buffered byte array and so can be sent again.
    /// </summary>
    public static HttpRequestMessage HangupRequest(string path, TelephonyCredentials credentials)
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.AccountSid}:{credentials.AuthToken.Value}"));
        return new HttpRequestMessage(HttpMethod.Post, path)
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Basic", basic) },
            Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("Status", "completed")]),
        };
    }

    /// <summary>
    /// The hang-up's path relative to the API base, or null when an identifier could leave its path segment. Admission
    /// already refuses such identifiers; this is the last line, where the credentials are about to be sent.
    /// </summary>
    public static string? HangupPath(string accountSid, string callSid) =>
        PathSafeIdentifier.IsCallSid(accountSid) && PathSafeIdentifier.IsCallSid(callSid)
            ? $"2010-04-01/Accounts/{Uri.EscapeDataString(accountSid)}/Calls/{Uri.EscapeDataString(callSid)}.json"
            : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Twilio hung up call {CallSid} of account {AccountSid} ({Status})")]
    private static partial void LogHungUp(ILogger logger, string callSid, string accountSid, int status);
}
