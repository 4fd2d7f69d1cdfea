namespace CleanAgent.Domain.Runs;

/// <summary>What a new run is: the version it runs, how the call came in, and its initial context.</summary>
public sealed record RunSpec(PinnedVersion Version, CallType CallType, CallMode Mode, IReadOnlyDictionary<string, string> InitialContext);
