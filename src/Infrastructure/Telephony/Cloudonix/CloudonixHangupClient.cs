using System.Net;
using System.Net.Http.Headers;
using CleanAgent.Application.Common;
using CleanAgent.Application.Telephony;
using Microsoft.Extensions.Logging;

namespace CleanAgent.Infrastructure.Telephony.Cloudonix;

/// <summary>
/// Hangs a call up through Cloudonix's REST API:
/// <c>DELETE {base}/customers/self/domains/{domain}/sessions/{callSid}</c> with the domain bearer token.
/// Retries and timeouts come from the resilience pipeline the client is registered with. The token goes only
/// into the Authorization header, whose value .NET's HTTP logging redacts; it is never in a log line of ours.
/// </summary>
internal sealed partial class CloudonixHangupClient(HttpClient http, ILogger<CloudonixHangupClient> logger)
{
    /// <param name="domain">The AccountSid of the URL.</param>
    /// <param name="callSid">The CallSid of the URL.</param>
    /// <param name="bearerToken">The URL's <c>session</c>: held in memory for the call only.</param>
    public async Task<Result> HangUpAsync(string domain, string callSid, Secret bearerToken, CancellationToken cancellationToken)
    {
        domain = NormalizeDomain(domain);
        if (HangupPath(domain, callSid) is not { } path)
            return new Error(ErrorKind.Validation, "The call's identifiers are not safe in a Cloudonix URL; nothing was sent.");
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Delete, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken.Value);
            using var response = await http.SendAsync(request, cancellationToken);

            // 404: the call is already gone, which is what a hang-up wants.
            if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound)
            {
                LogHungUp(logger, callSid, domain, (int)response.StatusCode);
                return Result.Success();
            }

            return new Error(ErrorKind.Unsupported, $"Cloudonix answered {(int)response.StatusCode} to the hang-up of {callSid}.");
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or OperationCanceledException or Polly.Timeout.TimeoutRejectedException)
        {
            return new Error(ErrorKind.Unsupported, $"Cloudonix hang-up of {callSid} failed: {ex.GetType().Name}.");
        }
    }

    /// <summary>
    /// The hang-up's path relative to the API base, or null when an identifier could leave its path segment. Admission
    /// already refuses such identifiers; this is the last line, where the bearer token is about to be sent.
    /// </summary>
    public static string? HangupPath(string domain, string callSid) =>
        PathSafeIdentifier.IsDomain(domain) && PathSafeIdentifier.IsCallSid(callSid)
            ? $"customers/self/domains/{Uri.EscapeDataString(domain)}/sessions/{Uri.EscapeDataString(callSid)}"
            : null;

    /// <summary>A domain given without a dot (<c>acme</c>) means <c>acme.cloudonix.net</c>.</summary>
    public static string NormalizeDomain(string domain) =>
        domain.Contains('.', StringComparison.Ordinal) ? domain : domain + ".cloudonix.net";

    [LoggerMessage(Level = LogLevel.Information, Message = "Cloudonix hung up call {CallSid} on {Domain} ({Status})")]
    private static partial void LogHungUp(ILogger logger, string callSid, string domain, int status);
}
