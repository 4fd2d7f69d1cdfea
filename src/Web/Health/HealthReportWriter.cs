using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanAgent.Web.Health;

/// <summary>
/// A health report as operators read it: the overall status and each check's, with the reason a check is not healthy
/// (<c>{"status":"Unhealthy","checks":{"not draining":"draining: 3 call(s) in progress…"}}</c>). Reasons are the checks'
/// own words, never an exception's text.
/// </summary>
internal static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Description ?? e.Value.Status.ToString(), StringComparer.Ordinal);
        return JsonSerializer.SerializeAsync(context.Response.Body, new { status = report.Status.ToString(), checks }, cancellationToken: context.RequestAborted);
    }
}
