using CleanAgent.Application.Common;
using CleanAgent.Application.Telephony;

namespace CleanAgent.Infrastructure.Telephony.Cloudonix;

/// <summary>One Cloudonix call: its URL parameters, the bearer token held in memory for the call, and its hang-up.</summary>
internal sealed class CloudonixCall(Secret apiKey, CloudonixStreamParameters parameters, CloudonixHangupClient hangups) : IProviderCall
{
    public CredentialSource Credentials => CredentialSource.Url;

    public Secret ApiKey => apiKey;

    public IReadOnlyDictionary<string, string> InitialContext { get; } = parameters.ToInitialContext();

    public Result ValidateParameters() => parameters.Validate();

    /// <summary>Everything Cloudonix needs came in the URL; <c>start</c> adds only its custom parameters.</summary>
    public Result<IReadOnlyDictionary<string, string>> TakeStart(StreamStart start) => Result<IReadOnlyDictionary<string, string>>.Success(start.CustomParameters);

    /// <summary>The bearer token in the URL is Cloudonix's own proof; nothing more to check.</summary>
    public Task<Result> VerifyOriginAsync(Guid organizationId, CancellationToken cancellationToken) => Task.FromResult(Result.Success());

    /// <summary>Targets the URL's CallSid (not <c>start.callSid</c>), with the URL's bearer token, as media-streams.md says.</summary>
    public Task<Result> HangUpAsync(CancellationToken cancellationToken) =>
        hangups.HangUpAsync(parameters.AccountSid!, parameters.CallSid!, parameters.Session, cancellationToken);
}
