namespace CleanAgent.Web.Dashboard.SingleSignOn;

/// <summary>How a single sign-on ended. Every outcome but <see cref="SignedIn"/> is a refusal, told on the sign-in page.</summary>
public enum SingleSignOnOutcome
{
    SignedIn,
    /// <summary>The identity provider's answer failed validation (signature, issuer, audience, nonce, state) or was an error.</summary>
    ProviderAnswerRefused,
    /// <summary>The callback page was reached without a validated answer (opened directly, or the external cookie expired).</summary>
    NoAnswer,
    NoSubject,
    NoEmail,
    EmailNotVerified,
    UnknownEmail,
    /// <summary>The account is already linked to another person at the same identity provider (an email address reassigned there).</summary>
    LinkedToAnotherIdentity,
    LockedOut,
    NotAllowed,
}
