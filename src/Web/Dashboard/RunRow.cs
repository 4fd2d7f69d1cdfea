namespace CleanAgent.Web.Dashboard;

/// <summary>A run as the Runs tab shows it (see <see cref="RunDisplay.Row"/>).</summary>
public sealed record RunRow(Guid Id, string Href, string Name, string State, string Created, string CreatedIso, string CallType, string Caller, string Duration, string EndReason);
