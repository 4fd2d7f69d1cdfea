namespace CleanAgent.Web.Dashboard.SingleSignOn;

/// <summary>
/// The words for each outcome, and the way back to the sign-in page with one. The page is told the outcome's name
/// only, never a message, so no link can make the sign-in page say something of someone else's choosing.
/// </summary>
public static class SingleSignOnOutcomes
{
    public const string QueryKey = "sso";

    public static string SignInPageFor(SingleSignOnOutcome outcome) => $"{DashboardSite.SignInPath}?{QueryKey}={outcome}";

    public static string? Describe(string? outcome) =>
        Enum.TryParse<SingleSignOnOutcome>(outcome, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) ? Describe(parsed) : null;

    public static string? Describe(SingleSignOnOutcome outcome) => outcome switch
    {
        SingleSignOnOutcome.SignedIn => null,
        SingleSignOnOutcome.ProviderAnswerRefused => "Single sign-on failed: the identity provider's answer could not be verified. Try again, or sign in with your password.",
        SingleSignOnOutcome.NoAnswer => "Single sign-on did not finish: start it again with the button below.",
        SingleSignOnOutcome.NoSubject => "Single sign-on failed: the identity provider did not say who you are.",
        SingleSignOnOutcome.NoEmail => "Your identity provider did not send an email address, so it cannot be matched to a dashboard account.",
        SingleSignOnOutcome.EmailNotVerified => "Your identity provider has not verified your email address, so it cannot be matched to a dashboard account.",
        SingleSignOnOutcome.UnknownEmail => "No dashboard account has the email address your identity provider sent. An administrator makes one with admin create-user.",
        SingleSignOnOutcome.LinkedToAnotherIdentity => "That dashboard account is linked to another identity at your identity provider. Ask an administrator.",
        SingleSignOnOutcome.LockedOut => "Too many failed attempts: try again in a few minutes.",
        SingleSignOnOutcome.NotAllowed => "This account may not sign in.",
        _ => null,
    };
}
