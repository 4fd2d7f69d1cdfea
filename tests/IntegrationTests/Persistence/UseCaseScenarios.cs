using CleanAgent.Application.Agents;
using CleanAgent.Application.ApiKeys;
using CleanAgent.Application.Common;
using CleanAgent.Application.Organizations;
using CleanAgent.Application.Quota;
using CleanAgent.Application.Runs;
using CleanAgent.Application.Runs.Journal;
using CleanAgent.Application.Telephony;
using CleanAgent.Application.Voice;
using CleanAgent.Domain.Agents;
using CleanAgent.Domain.Organizations;
using CleanAgent.Domain.Runs;
using CleanAgent.Domain.Telephony;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;

namespace CleanAgent.IntegrationTests.Persistence;

/// <summary>
/// One valid request per use case, run on SQL Server with no server (<see cref="OfflineSqlServerUseCases"/>). A new
/// command or query needs one line here (the coverage test names the missing ones): a request that passes its
/// validator, the statements its success path must reach, and — only where the default row (see
/// <see cref="SyntheticRows"/>) would stop it early — the stored value it needs.
/// </summary>
internal static class UseCaseScenarios
{
    /// <summary>Any id will do: every row the harness answers has this one.</summary>
    private static readonly Guid Some = SyntheticRows.Id;

    private static readonly Dictionary<string, string> CallContext = new(StringComparer.Ordinal)
    {
        ["provider"] = "cloudonix",
        ["caller_number"] = "+15550100",
    };

    private static readonly RunSpec Call = new(new PinnedVersion(Some, Some, Some), CallType.Inbound, CallMode.Of("cloudonix"), CallContext);

    /// <summary>A key ring of one key, and a Twilio auth token protected with it for the synthetic organization.</summary>
    private static readonly OfflineKeyRing Keys =
        OfflineKeyRing.Protect(SecretPurpose.TelephonyAuthToken(Some, CallMode.Of("twilio")), new Secret("offline-auth-token"));

    public static IReadOnlyList<UseCaseScenario> All { get; } =
    [
        new(new CreateOrganization("Acme", ConcurrentCallLimit: 5, MonthlyMinutes: 600), "INSERT Organizations"),
        new(new CreateApiKey(Some, "ci"), "SELECT Organizations", "INSERT ApiKeys"),
        new(new ArchiveApiKey(Some), "SELECT ApiKeys", "UPDATE ApiKeys"),
        new(new AuthenticateApiKey(new Secret("dg_offline-key")), "SELECT ApiKeys", "UPDATE ApiKeys"),
        new(new CreateAgent(Some, "Receptionist", DefinitionJson: null, Publish: true), "SELECT Organizations", "INSERT Agents", "INSERT AgentVersions"),
        new(new ArchiveAgent(Some), "SELECT Agents", "UPDATE Agents"),
        new(new ListOrganizations(), "SELECT Organizations"),
        new UseCaseScenario(new GetOrganization(Some), "SELECT Organizations", "SELECT CapacityReservations", "SELECT WorkflowRuns")
            .With<WorkflowRun>(nameof(WorkflowRun.StartedAt), MinutesAgo(3)),
        new(new ChangeOrganizationLimits(Some, ConcurrentCallLimit: 20, MonthlyMinutes: null, UnlimitedMinutes: true), "SELECT Organizations", "UPDATE Organizations"),
        new UseCaseScenario(new ReactivateApiKey(Some, OrganizationId: Some), "SELECT ApiKeys", "UPDATE ApiKeys")
            .With<Domain.ApiKeys.ApiKey>(nameof(Domain.ApiKeys.ApiKey.IsArchived), true),
        new UseCaseScenario(new SaveAgentDraft(Some, Domain.Agents.Definitions.AgentDefinition.MinimalJson, OrganizationId: Some), "SELECT Agents", "UPDATE AgentVersions")
            .With<AgentVersion>(nameof(AgentVersion.Status), AgentVersionStatus.Draft)
            .With<AgentVersion>(nameof(AgentVersion.DefinitionJson), """{"nodes":[],"edges":[]}""") // an older graph, replaced
            .With<AgentVersion>(nameof(AgentVersion.ConfigurationsJson), "{}"),
        new(new FindRuns(Some, OrganizationId: Some, Page: 2, PageSize: 50, State: "completed", EndReason: "user_hangup", From: MinutesAgo(60), To: MinutesAgo(1),
            MinDuration: 1, MaxDuration: 600, Caller: "555", Sort: "-duration"), "SELECT Agents", "SELECT WorkflowRuns"),
        new(new ListApiKeys(Some, IncludeArchived: true), "SELECT Organizations", "SELECT ApiKeys"),
        new(new ListAgents(Some), "SELECT Organizations", "SELECT Agents"),
        new UseCaseScenario(new GetAgent(Some, OrganizationId: Some), "SELECT Agents", "SELECT AgentVersions") // stored valid, as saving validates
            .With<AgentVersion>(nameof(AgentVersion.DefinitionJson), Domain.Agents.Definitions.AgentDefinition.MinimalJson)
            .With<AgentVersion>(nameof(AgentVersion.ConfigurationsJson), "{}"),
        new UseCaseScenario(new PublishAgent(Some), "SELECT Agents", "UPDATE AgentVersions")
            .With<AgentVersion>(nameof(AgentVersion.Status), AgentVersionStatus.Draft),
        new UseCaseScenario(new ResolveWorkflow(Some, Some), "SELECT Agents", "SELECT AgentVersions")
            .With<AgentVersion>(nameof(AgentVersion.ConfigurationsJson), """{"max_call_duration": 600}"""), // stored valid, as saving validates
        new UseCaseScenario(new CheckQuota(Some), "SELECT Organizations", "SELECT WorkflowRuns", "SELECT CapacityReservations", "INSERT CapacityReservations")
            .With<Organization>(nameof(Organization.ConcurrentCallLimit), 5)
            .With<Organization>(nameof(Organization.MonthlyMinutes), 600) // a monthly limit: the minutes used are summed
            .With<WorkflowRun>(nameof(WorkflowRun.StartedAt), MinutesAgo(3)),
        new(new ReleaseCapacity(Some), "DELETE CapacityReservations"),
        new(new StartWorkflowRun(Call, Some), "INSERT WorkflowRuns"),
        new(new RecordRefusedRun(Call, RunEndReason.QuotaExceeded), "INSERT WorkflowRuns"),
        new(new RecordStreamStarted(Some, new Dictionary<string, string> { ["language"] = "en" }), "SELECT WorkflowRuns", "UPDATE WorkflowRuns"),
        RunningCall(new EndWorkflowRun(Some, RunEndReason.UserHangup), "SELECT WorkflowRuns", "SELECT CapacityReservations", "UPDATE WorkflowRuns", "DELETE CapacityReservations"),
        new(new ListRuns(Some), "SELECT Agents", "SELECT WorkflowRuns"),
        new(new GetRun(Some.ToString()), "SELECT WorkflowRuns", "SELECT Agents", "SELECT AgentVersions",
            "SELECT RunTranscriptTurns", "SELECT RunNodeVisits", "SELECT RunProviderUsages", "SELECT RunTurnLatencies"),
        new(new AppendTranscriptTurn(Some, 0, Speaker.Caller, "I have a question about my invoice.", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), false, "start"),
            "SELECT WorkflowRuns", "INSERT RunTranscriptTurns"),
        new(new RecordNodeVisit(Some, 0, "billing", "Billing", TimeSpan.FromSeconds(4)), "SELECT WorkflowRuns", "INSERT RunNodeVisits"),
        new(new RecordGatheredVariables(Some, new Dictionary<string, string> { ["invoice_number"] = "INV-42" }), "SELECT WorkflowRuns", "UPDATE WorkflowRuns"),
        new(new AddRunUsage(Some, VoiceStage.Llm, "api.openai.com", "gpt-4o-mini", PromptTokens: 420, CompletionTokens: 37, Characters: 0, AudioSeconds: 0),
            "SELECT RunProviderUsages", "UPDATE RunProviderUsages"),
        new(new RecordTurnLatency(Some, 0, 1, TimeSpan.FromMilliseconds(820), TimeSpan.FromMilliseconds(120), TimeSpan.FromMilliseconds(400),
            TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(100)), "SELECT WorkflowRuns", "INSERT RunTurnLatencies"),
        new(new AttachRecording(Some, "data/recordings/WR-AGS-00000001.wav"), "SELECT WorkflowRuns", "UPDATE WorkflowRuns"),
        new UseCaseScenario(new ApplyRetention(MinutesAgo(60 * 24 * 30), MinutesAgo(60 * 24 * 7), MinutesAgo(60 * 24), BatchSize: 2, MaxBatches: 1),
                "SELECT WorkflowRuns", "UPDATE WorkflowRuns", "DELETE RunTranscriptTurns", "DELETE WorkflowRuns")
            .With<WorkflowRun>(nameof(WorkflowRun.RecordingPath), "data/recordings/WR-AGS-00000001.wav"),
        new(new FindVoiceProviderProblems(Some), "SELECT Organizations", "SELECT OrganizationProviderSettings"),
        new(new ListProviderSettings(Some), "SELECT OrganizationProviderSettings"),
        new UseCaseScenario(new SetProviderSettings(Some, VoiceStage.Llm, "http://vllm.internal:8000/v1", "llama-3.1-8b", null, null, null, new Secret("offline-provider-key")),
                "SELECT Organizations", "SELECT DataProtectionKeys", "SELECT OrganizationProviderSettings", "UPDATE OrganizationProviderSettings")
            .With<DataProtectionKey>(nameof(DataProtectionKey.Xml), Keys.KeyXml),
        new UseCaseScenario(new SettleOrphanedRuns(TimeSpan.FromMinutes(2)),
                "UPDATE ServerInstances", "INSERT ServerInstances", "SELECT ServerInstances", "SELECT WorkflowRuns", "UPDATE WorkflowRuns",
                "DELETE CapacityReservations", "DELETE ServerInstances")
            .Affecting("UPDATE ServerInstances", 0), // no heartbeat row yet: this process registers itself
        // The stored account exists (a replace); the key ring has a key to protect with.
        new UseCaseScenario(new SetTelephonyCredentials(Some, "twilio", "AC0123456789abcdef0123456789abcdef", new Secret("offline-auth-token")),
                "SELECT Organizations", "SELECT DataProtectionKeys", "SELECT TelephonyAccounts", "UPDATE TelephonyAccounts")
            .With<DataProtectionKey>(nameof(DataProtectionKey.Xml), Keys.KeyXml),
        new UseCaseScenario(new FindTelephonyCredentials(Some, CallMode.Of("twilio")), "SELECT TelephonyAccounts", "SELECT DataProtectionKeys")
            .With<DataProtectionKey>(nameof(DataProtectionKey.Xml), Keys.KeyXml)
            .With<TelephonyAccount>(nameof(TelephonyAccount.ProtectedAuthToken), Keys.ProtectedValue),
    ];

    public static UseCaseScenario Named(string name) => All.Single(s => s.Name == name);

    /// <summary>A call in progress: running for three minutes, holding a call slot (which ending it frees).</summary>
    private static UseCaseScenario RunningCall(object request, params string[] mustIssue) =>
        new UseCaseScenario(request, mustIssue)
            .With<WorkflowRun>(nameof(WorkflowRun.State), WorkflowRunState.Running)
            .With<WorkflowRun>(nameof(WorkflowRun.StartedAt), MinutesAgo(3))
            .With<WorkflowRun>(nameof(WorkflowRun.CapacityReservationId), Some);

    private static DateTime MinutesAgo(int minutes) => OfflineSqlServerUseCases.Now.UtcDateTime.AddMinutes(-minutes);
}

/// <param name="Request">A request that passes its validator.</param>
/// <param name="MustIssue">Statements the success path must reach, as <c>VERB Table</c> (see <see cref="SqlStatementShape.Matches"/>).</param>
internal sealed class UseCaseScenario(object request, params string[] mustIssue)
{
    private readonly Dictionary<(Type Entity, string Property), object?> _values = [];
    private readonly Dictionary<string, int> _rowsAffected = new(StringComparer.OrdinalIgnoreCase);

    public object Request { get; } = request;
    public IReadOnlyList<string> MustIssue { get; } = mustIssue;
    public string Name => Request.GetType().Name;
    public IReadOnlyDictionary<(Type Entity, string Property), object?> Values => _values;
    public IReadOnlyDictionary<string, int> RowsAffected => _rowsAffected;

    /// <summary>The stored value of a property in every row the harness answers (a model value: an enum, not its column text).</summary>
    public UseCaseScenario With<TEntity>(string property, object? value)
    {
        _values[(typeof(TEntity), property)] = value;
        return this;
    }

    /// <summary>How many rows a statement such as <c>UPDATE ServerInstances</c> affects (default: the rows it writes).</summary>
    public UseCaseScenario Affecting(string statement, int rows)
    {
        _rowsAffected[statement] = rows;
        return this;
    }

    public override string ToString() => Name;
}
