using CleanAgent.Domain.Common;

namespace CleanAgent.Domain.Runs;

/// <summary>
/// One call handled by one agent version. Owns its state machine:
/// <c>created → running → completed | failed</c>, and <c>created → failed</c> for a call refused before it ran.
/// Every other transition is refused with <see cref="InvalidRunTransitionException"/>.
/// </summary>
public sealed class WorkflowRun
{
    public const string NamePrefix = "WR-AGS-";

    /// <summary>Gathered variables are a handful of named answers, not a store: more keys than this are refused.</summary>
    public const int MaxGatheredEntries = 200;

    public const int MaxGatheredKeyLength = 200;

    /// <summary>A gathered value beyond this is cut: an LLM's answer must not fill the run's row.</summary>
    public const int MaxGatheredValueLength = 4000;

    public const int MaxRecordingPathLength = 1024;

    /// <summary>The initial-context keys of the call's numbers, also kept in columns of their own for search.</summary>
    public const string CallerNumberKey = "caller_number";

    public const string CalledNumberKey = "called_number";

    /// <summary>The longest number kept in the searchable column (E.164 is at most 16 characters; SIP URIs run longer).</summary>
    public const int MaxNumberLength = 128;

    private Dictionary<string, string> _initialContext = [];
    private Dictionary<string, string> _gatheredContext = [];

    private WorkflowRun() => Name = string.Empty;

    public Guid Id { get; private set; }

    /// <summary><c>WR-AGS-</c> + 8 digits, unique across the database.</summary>
    public string Name { get; private set; }

    public Guid OrganizationId { get; private set; }
    public Guid AgentId { get; private set; }
    public Guid AgentVersionId { get; private set; }
    public WorkflowRunState State { get; private set; }
    public RunEndReason? EndReason { get; private set; }
    public CallType CallType { get; private set; }

    /// <summary>The telephony provider that bridged the call (e.g. <c>cloudonix</c>).</summary>
    public CallMode Mode { get; private set; }

    public IReadOnlyDictionary<string, string> InitialContext => _initialContext;

    /// <summary>The caller's number from the initial context (<c>caller_number</c>), for the run list's search; null when none.</summary>
    public string? CallerNumber { get; private set; }

    /// <summary>The number called (<c>called_number</c>); null when none.</summary>
    public string? CalledNumber { get; private set; }
    public IReadOnlyDictionary<string, string> GatheredContext => _gatheredContext;

    public DateTime CreatedAt { get; private set; }
    public DateTime? StartedAt { get; private set; }
    public DateTime? EndedAt { get; private set; }

    /// <summary>Seconds from becoming <c>running</c> to the end; 0 for a run that never ran.</summary>
    public double? DurationSeconds { get; private set; }

    /// <summary>The call-capacity slot this run holds while it lives; released when it ends.</summary>
    public Guid? CapacityReservationId { get; private set; }

    /// <summary>The server process that drives the call.</summary>
    public Guid OwnerInstanceId { get; private set; }

    /// <summary>Where the call's recording (caller and agent mixed, WAV) was written; null when the call was not recorded.</summary>
    public string? RecordingPath { get; private set; }

    public bool IsEnded => State is WorkflowRunState.Completed or WorkflowRunState.Failed;

    /// <summary>A new run in <c>created</c>; <see cref="Admit"/> and <see cref="Refuse"/> are the two ways a call makes one.</summary>
    public static WorkflowRun Create(string name, RunSpec spec, Guid? capacityReservationId, Guid ownerInstanceId, DateTime now)
    {
        if (!IsValidName(name)) throw new DomainException($"'{name}' is not a run name ({NamePrefix} + 8 digits).");
        if (spec.Mode.Name is null) throw new DomainException("A run needs a mode.");

        return new WorkflowRun
        {
            Id = Guid.CreateVersion7(now),
            Name = name,
            OrganizationId = spec.Version.OrganizationId,
            AgentId = spec.Version.AgentId,
            AgentVersionId = spec.Version.AgentVersionId,
            State = WorkflowRunState.Created,
            CallType = spec.CallType,
            Mode = spec.Mode,
            _initialContext = new Dictionary<string, string>(spec.InitialContext, StringComparer.Ordinal),
            CallerNumber = Number(spec.InitialContext, CallerNumberKey),
            CalledNumber = Number(spec.InitialContext, CalledNumberKey),
            CreatedAt = now,
            CapacityReservationId = capacityReservationId,
            OwnerInstanceId = ownerInstanceId,
        };
    }

    /// <summary>An admitted call: created holding its call slot, and <c>running</c> from this moment.</summary>
    public static WorkflowRun Admit(string name, RunSpec spec, Guid capacityReservationId, Guid ownerInstanceId, DateTime now)
    {
        var run = Create(name, spec, capacityReservationId, ownerInstanceId, now);
        run.Start(now);
        return run;
    }

    /// <summary>A call refused before it ran (e.g. over quota), kept as a trace: <c>created → failed</c> at once.</summary>
    public static WorkflowRun Refuse(string name, RunSpec spec, RunEndReason reason, Guid ownerInstanceId, DateTime now)
    {
        if (reason.CompletesTheRun) throw new DomainException($"A refused call cannot end '{reason}': that reason completes a run.");
        var run = Create(name, spec, capacityReservationId: null, ownerInstanceId, now);
        run.End(reason, now);
        return run;
    }

    public static bool IsValidName(string name) =>
        name.Length == NamePrefix.Length + 8
        && name.StartsWith(NamePrefix, StringComparison.Ordinal)
        && name.AsSpan(NamePrefix.Length).ContainsAnyExceptInRange('0', '9') == false;

    public void Start(DateTime now)
    {
        MoveTo(WorkflowRunState.Running, allowedFrom: WorkflowRunState.Created);
        StartedAt = now;
    }

    /// <summary>
    /// Ends the run for <paramref name="reason"/>, which says whether it completes (only from <c>running</c>) or fails
    /// (from <c>created</c> or <c>running</c>). An ended run cannot end again.
    /// </summary>
    public void End(RunEndReason reason, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(reason);
        if (reason.CompletesTheRun) MoveTo(WorkflowRunState.Completed, allowedFrom: WorkflowRunState.Running);
        else if (State is WorkflowRunState.Created or WorkflowRunState.Running) State = WorkflowRunState.Failed;
        else throw new InvalidRunTransitionException(State, WorkflowRunState.Failed);

        EndReason = reason;
        EndedAt = now;
        DurationSeconds = StartedAt is { } started ? Math.Max(0, (now - started).TotalSeconds) : 0;
    }

    /// <summary>
    /// The server process that drove the call died without ending it. The call cannot have outlived that process,
    /// so the run ends when the process was last known alive (its last heartbeat), not when the loss was noticed:
    /// the minutes between the two are not the caller's and must not count against the organization's quota.
    /// </summary>
    public void EndAsLost(DateTime ownerLastSeen, DateTime now)
    {
        var endedAt = ownerLastSeen > now ? now : ownerLastSeen;
        var earliest = StartedAt ?? CreatedAt;
        End(RunEndReason.ServerLost, endedAt < earliest ? earliest : endedAt);
    }

    /// <summary>Adds keys that are not there yet; the keys the run was created with are never overridden.</summary>
    public void MergeInitialContext(IEnumerable<KeyValuePair<string, string>> values)
    {
        var merged = new Dictionary<string, string>(_initialContext, StringComparer.Ordinal);
        foreach (var (key, value) in values) merged.TryAdd(key, value);
        _initialContext = merged; // a new instance, so change tracking sees the JSON column change
        CallerNumber ??= Number(merged, CallerNumberKey);
        CalledNumber ??= Number(merged, CalledNumberKey);
    }

    private static string? Number(IReadOnlyDictionary<string, string> context, string key) =>
        context.TryGetValue(key, out var number) && !string.IsNullOrWhiteSpace(number)
            ? (number.Length > MaxNumberLength ? number[..MaxNumberLength] : number)
            : null;

    /// <summary>A variable extracted from the conversation; a later value of the same key replaces the earlier one.</summary>
    public void Gather(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (IsEnded) throw new DomainException("An ended run gathers nothing more.");
        if (string.IsNullOrWhiteSpace(key) || key.Length > MaxGatheredKeyLength)
            throw new DomainException($"A gathered variable needs a name of at most {MaxGatheredKeyLength} characters.");
        if (!_gatheredContext.ContainsKey(key) && _gatheredContext.Count >= MaxGatheredEntries)
            throw new DomainException($"A run gathers at most {MaxGatheredEntries} variables.");
        _gatheredContext = new Dictionary<string, string>(_gatheredContext, StringComparer.Ordinal) { [key] = BoundedText.Cut(value, MaxGatheredValueLength) };
    }

    /// <summary>How many of <paramref name="keys"/> the run does not hold yet (what gathering them would add).</summary>
    public int CountNewKeys(IEnumerable<string> keys) => keys.Count(key => !_gatheredContext.ContainsKey(key));

    /// <summary>Links the call's recording; also after the end, since a recording is closed once the call is over.</summary>
    public void AttachRecording(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || path.Length > MaxRecordingPathLength || path.Any(char.IsControl))
            throw new DomainException($"A recording path is at most {MaxRecordingPathLength} printable characters.");
        RecordingPath = path;
    }

    private void MoveTo(WorkflowRunState target, WorkflowRunState allowedFrom)
    {
        if (State != allowedFrom) throw new InvalidRunTransitionException(State, target);
        State = target;
    }
}
