using System.Globalization;
using CleanAgent.Application.Runs;

namespace CleanAgent.Web.Dashboard;

/// <summary>How the dashboard writes a run's times, durations and end reason: one place for the page and its live rows.</summary>
internal static class RunDisplay
{
    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    public static string Iso(DateTime utc) => utc.ToString("O", CultureInfo.InvariantCulture);

    public static string Duration(double? seconds) => seconds switch
    {
        null => "—",
        < 60 => seconds.Value.ToString("0.0", CultureInfo.InvariantCulture) + " s",
        _ => TimeSpan.FromSeconds(seconds.Value).ToString(seconds.Value >= 3600 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture),
    };

    public static string Dash(string? value) => string.IsNullOrEmpty(value) ? "—" : value;

    /// <summary>An end reason in words (the README's table), for the run page.</summary>
    public static string Explain(string? endReason) => endReason switch
    {
        null => "The call is still up.",
        "user_hangup" => "The caller hung up.",
        "agent_ended" => "The agent ended the call: its last words played, then the provider hung up.",
        "user_idle" => "The caller stayed silent after being asked whether they were still there.",
        "max_duration" => "The call reached its maximum duration (the agent's max_call_duration or the server's Media:MaxCallDuration).",
        "handshake_failed" => "The telephony provider's connected/start messages were missing or malformed, or the socket went away during the handshake.",
        "handshake_timeout" => "The telephony provider sent nothing in time during the handshake.",
        "quota_exceeded" => "Refused at admission: the organization's concurrent-call or monthly-minute limit was reached.",
        "provider_error" => "A speech or language provider failed twice in a row; the agent apologised and ended the call.",
        "provider_not_configured" => "Refused at admission: a voice stage lacks a setting it needs (an API key for a hosted provider).",
        "protocol_error" => "The telephony provider broke the wire protocol mid-call.",
        "server_error" => "A fault in CleanAgent ended the call.",
        "server_shutdown" => "The server was stopped while the call was still up, and the drain time ran out.",
        "server_lost" => "The server process that owned the call died; another one settled the run.",
        _ => endReason,
    };

    /// <summary>One row of the Runs tab, as the live update sends it: every cell already written as the page writes it.</summary>
    public static RunRow Row(RunListItem run) => new(
        run.Id,
        "/runs/" + run.Id,
        run.Name,
        run.State,
        Time(run.CreatedAt),
        Iso(run.CreatedAt),
        run.CallType,
        Dash(run.CallerNumber),
        Duration(run.DurationSeconds),
        Dash(run.EndReason));
}
