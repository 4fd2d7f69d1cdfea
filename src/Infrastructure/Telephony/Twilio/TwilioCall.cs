using CleanAgent.Application.Common;
using CleanAgent.Application.Telephony;

namespace CleanAgent.Infrastructure.Telephony.Twilio;

/// <summary>
/// One Twilio call. Everything arrives in <c>start</c>, so the call is admitted after the handshake. When the key's
/// organization stored Twilio credentials, the upgrade request must carry Twilio's signature of the stream URL, and
/// the agent ending the call also hangs it up through the REST API; without them, closing the socket after the last
/// words ends the call (nothing follows <c>&lt;Connect&gt;&lt;Stream&gt;</c> in the TwiML, so Twilio hangs up).
/// The credentials live in memory for the call only.
/// </summary>
internal sealed class TwilioCall(StreamRequest request, Uri signedUrl, ITelephonyCredentialLookup credentials, TwilioHangupClient hangups) : IProviderCall
{
    private TwilioStreamParameters _parameters = TwilioStreamParameters.None;
    private TelephonyCredentials? _stored;

    public CredentialSource Credentials => CredentialSource.StartMessage;

    public Secret ApiKey => _parameters.ApiKey;

    /// <summary>Read when the run is created, which is after <see cref="TakeStart"/>.</summary>
    public IReadOnlyDictionary<string, string> InitialContext => _parameters.ToInitialContext();

    public Result ValidateParameters() => _parameters.Validate();

    public Result<IReadOnlyDictionary<string, string>> TakeStart(StreamStart start)
    {
        _parameters = TwilioStreamParameters.Read(start, out var kept);
        return Result<IReadOnlyDictionary<string, string>>.Success(kept);
    }

    /// <summary>
    /// With stored credentials, the upgrade request must be signed with the organization's auth token. Without them
    /// any request is taken: the API key is then the only proof, which is why operators should store credentials.
    /// </summary>
    public async Task<Result> VerifyOriginAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var found = await credentials.FindAsync(organizationId, TwilioProvider.TwilioMode, cancellationToken);
        if (!found.IsSuccess) return found.Error!;
        _stored = found.Value;
        if (_stored is null) return Result.Success();

        return TwilioRequestSignature.IsValid(_stored.AuthToken, signedUrl, request.Header(TwilioRequestSignature.HeaderName))
            ? Result.Success()
            : new Error(ErrorKind.Unauthorized, "Invalid X-Twilio-Signature.");
    }

    public Task<Result> HangUpAsync(CancellationToken cancellationToken) =>
        _stored is null
            ? Task.FromResult(Result.Success())
            : hangups.HangUpAsync(_parameters.AccountSid!, _parameters.CallSid!, _stored, cancellationToken);
}
