using System.Security.Claims;
using CleanAgent.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CleanAgent.Web.Dashboard.SingleSignOn;

/// <summary>
/// Turns a validated OpenID Connect answer (in Identity's external cookie) into a sign-in of an existing dashboard
/// account. The identity provider's issuer and subject are the account's external login (<c>AspNetUserLogins</c>):
/// once linked, later sign-ins match on them, so a changed email at the provider changes nothing here. The first time,
/// the account is found by its email, only when the provider has verified it; single sign-on never makes an account or
/// an organization, and an account already linked to another subject of the same provider is not re-linked (that is
/// an email address handed to someone else there).
/// </summary>
public sealed class SingleSignOnSignIn(
    SignInManager<DashboardUser> signIn,
    UserManager<DashboardUser> users,
    IOptions<SingleSignOnSettings> settings,
    ILogger<SingleSignOnSignIn> log)
{
    public async Task<SingleSignOnOutcome> SignInAsync(HttpContext http)
    {
        var answer = await http.AuthenticateAsync(IdentityConstants.ExternalScheme);
        try
        {
            var outcome = answer.Succeeded ? await SignInAsync(answer.Principal) : SingleSignOnOutcome.NoAnswer;
            if (outcome == SingleSignOnOutcome.SignedIn) log.LogInformation("Dashboard sign-in through single sign-on");
            else log.LogWarning("Single sign-on refused: {Outcome}", outcome);
            return outcome;
        }
        finally
        {
            // The answer is used once, whatever came of it.
            await http.SignOutAsync(IdentityConstants.ExternalScheme);
        }
    }

    private async Task<SingleSignOnOutcome> SignInAsync(ClaimsPrincipal answer)
    {
        var subject = answer.FindFirst("sub");
        if (subject is null || string.IsNullOrEmpty(subject.Value) || string.IsNullOrEmpty(subject.Issuer)) return SingleSignOnOutcome.NoSubject;
        // The issuer the token was validated against: one login per identity provider, its subject unique within it.
        var issuer = subject.Issuer;

        var linked = await signIn.ExternalLoginSignInAsync(issuer, subject.Value, isPersistent: false, bypassTwoFactor: true);
        if (Refusal(linked) is { } refused) return refused;
        if (linked.Succeeded) return SingleSignOnOutcome.SignedIn;

        var email = answer.FindFirstValue("email");
        if (string.IsNullOrWhiteSpace(email)) return SingleSignOnOutcome.NoEmail;
        if (!EmailIsVerified(answer.FindFirstValue("email_verified"))) return SingleSignOnOutcome.EmailNotVerified;

        // Identity compares normalized (upper-cased) emails: Ops@Example.com finds ops@example.com.
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null) return SingleSignOnOutcome.UnknownEmail;
        if ((await users.GetLoginsAsync(user)).Any(l => l.LoginProvider == issuer)) return SingleSignOnOutcome.LinkedToAnotherIdentity;

        var added = await users.AddLoginAsync(user, new UserLoginInfo(issuer, subject.Value, settings.Value.DisplayName));
        if (!added.Succeeded)
        {
            log.LogWarning("Single sign-on could not link the account: {Errors}", string.Join(" ", added.Errors.Select(e => e.Code)));
            return SingleSignOnOutcome.NotAllowed;
        }

        log.LogInformation("Dashboard account {UserId} linked to its single sign-on identity", user.Id);
        var signedIn = await signIn.ExternalLoginSignInAsync(issuer, subject.Value, isPersistent: false, bypassTwoFactor: true);
        return Refusal(signedIn) ?? (signedIn.Succeeded ? SingleSignOnOutcome.SignedIn : SingleSignOnOutcome.NotAllowed);
    }

    private static SingleSignOnOutcome? Refusal(Microsoft.AspNetCore.Identity.SignInResult result) =>
        result.IsLockedOut ? SingleSignOnOutcome.LockedOut
        : result.IsNotAllowed ? SingleSignOnOutcome.NotAllowed
        : null;

    /// <summary><c>email_verified</c> is a JSON boolean, or a string at some providers; false (or nonsense) always refuses.</summary>
    private bool EmailIsVerified(string? claim) =>
        claim is null ? !settings.Value.RequireVerifiedEmail : bool.TryParse(claim, out var verified) && verified;
}
