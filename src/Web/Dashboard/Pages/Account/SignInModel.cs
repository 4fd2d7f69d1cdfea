using CleanAgent.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanAgent.Web.Dashboard.Pages.Account;

/// <summary><c>/sign-in</c>: email and password; on a server with no account yet, the way to the set-up page instead.</summary>
public sealed class SignInModel(SignInManager<DashboardUser> signIn, OwnerSetUp setUp) : PageModel
{
    [BindProperty]
    public string Email { get; set; } = string.Empty;

    [BindProperty]
    public string Password { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await setUp.IsOpenAsync(ct) ? Redirect(DashboardSite.SetUpPath) : Page();

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
}
