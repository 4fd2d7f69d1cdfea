using CleanAgent.Infrastructure.Identity;
using CleanAgent.Web.Dashboard.SingleSignOn;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace CleanAgent.Web.Dashboard.Pages.Account;

/// <summary>
/// <c>/sign-in</c>: email and password, and single sign-on when configured; on a server with no account yet, the way
/// to the set-up page instead.
/// </summary>
public sealed class SignInModel(SignInManager<DashboardUser> signIn, OwnerSetUp setUp, IOptions<SingleSignOnSettings> singleSignOn) : PageModel
{
    [BindProperty]
    public string Email { get; set; } = string.Empty;

    [BindProperty]
    public string Password { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Problem { get; private set; }

    /// <summary>The identity provider's name for the button; null when single sign-on is not configured.</summary>
    public string? SingleSignOnName => singleSignOn.Value.Enabled ? singleSignOn.Value.DisplayName : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await setUp.IsOpenAsync(ct)) return Redirect(DashboardSite.SetUpPath);
        Problem = SingleSignOnOutcomes.Describe(Request.Query[SingleSignOnOutcomes.QueryKey]);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password)
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(Email.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");

        Problem = result.IsLockedOut ? "Too many failed attempts: try again in a few minutes." : "That email and password do not match an account.";
        Password = string.Empty;
        return Page();
    }

    /// <summary>The single sign-on button (a form, with its anti-forgery token): off to the identity provider.</summary>
    public IActionResult OnPostSingleSignOn()
    {
        if (!singleSignOn.Value.Enabled) return NotFound();
        var back = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
        var callback = $"{SingleSignOnRegistration.SingleSignOnCallbackPath}?{nameof(ReturnUrl)}={Uri.EscapeDataString(back)}";
        return Challenge(signIn.ConfigureExternalAuthenticationProperties(SingleSignOnRegistration.Scheme, callback), SingleSignOnRegistration.Scheme);
    }
}
