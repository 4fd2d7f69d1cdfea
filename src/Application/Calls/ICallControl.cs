using CleanAgent.Application.Common;

namespace CleanAgent.Application.Calls;

/// <summary>Provider-side actions on a call, e.g. Cloudonix's REST API.</summary>
public interface ICallControl
{
    /// <summary>Hangs the call up at the provider. A call already gone counts as success.</summary>
    Task<Result> HangUpAsync(CallControlTarget target, CancellationToken cancellationToken);
}

/// <param name="Domain">The provider account/domain (Cloudonix: the AccountSid query parameter).</param>
/// <param name="CallSid">The provider's id of the call (the CallSid query parameter).</param>
/// <param name="BearerToken">Held in memory for the call only.</param>
public sealed record CallControlTarget(string Domain, string CallSid, Secret BearerToken);
