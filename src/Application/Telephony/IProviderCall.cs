using CleanAgent.Application.Common;

namespace CleanAgent.Application.Telephony;

/// <summary>
/// One call as its telephony provider sees it: where its credentials are, which provider parameters it must carry,
/// what the run's initial context starts with, and how the provider ends it. Made by
/// <see cref="ITelephonyProvider.Accept"/>; lives for the call, holding its secrets in memory only.
/// </summary>
public interface IProviderCall
{
    CredentialSource Credentials { get; }

    /// <summary>The CleanAgent API key; blank until known (for <see cref="CredentialSource.StartMessage"/>, until <see cref="TakeStart"/>).</summary>
    Secret ApiKey { get; }

    /// <summary>The contract's step 4: the provider's own parameters are present and safe to use (<c>4400</c> otherwise, naming them).</summary>
    Result ValidateParameters();

    /// <summary>The keys the run's <c>initial_context</c> is created with (provider, direction, numbers, …); never a secret.</summary>
    IReadOnlyDictionary<string, string> InitialContext { get; }

    /// <summary>
    /// What the <c>start</c> message adds: for a provider that sends its credentials there, the key and the call's
    /// parameters. Returns the custom parameters to keep on the run (credentials removed).
    /// </summary>
    Result<IReadOnlyDictionary<string, string>> TakeStart(StreamStart start);

    /// <summary>
    /// Once the key has named the organization: the request really comes from the provider (e.g. Twilio's request
    /// signature, checked when the organization stored its credentials), and what the provider needs to drive the
    /// call later is loaded. <c>1008</c> when the request is not authentic.
    /// </summary>
    Task<Result> VerifyOriginAsync(Guid organizationId, CancellationToken cancellationToken);

    /// <summary>Hangs the call up at the provider, when the provider needs to be told (a call already gone counts as success).</summary>
    Task<Result> HangUpAsync(CancellationToken cancellationToken);
}
