using CleanAgent.Application.Common;
using CleanAgent.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanAgent.Web.Dashboard.Pages.Account;

/// <summary>
/// <c>/set-password?user=…&amp;token=…</c>: the one-time link <c>admin create-user</c> prints. The token is Identity's
/// password-reset token: it works once (setting the password changes the account's security stamp) and for a day.
/// </summary>
public sealed class SetPasswordModel(UserManager<DashboardUser> users, SignInManager<DashboardUser> signIn) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public Guid UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = string.Empty;

    [BindProperty]
    public string Password { get; set; } = string.Empty;

    [BindProperty]
    public string ConfirmPassword { get; set; } = string.Empty;

    public string? Email { get; private set; }

    public Error? Problem { get; private set; }

    public int MinimumPasswordLength => DashboardUsers.MinimumPasswordLength;

    public async Task<IActionResult> OnGetAsync() => await ValidUserAsync() is null ? Gone() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await ValidUserAsync() is not { } user) return Gone();
        if (Password != ConfirmPassword)
        {
            Problem = OwnerSetUp.PasswordsDiffer;
            return Page();
        }

        var reset = await users.ResetPasswordAsync(user, Token, Password);
        if (!reset.Succeeded)
        {
            Problem = OwnerSetUp.Invalid("password", reset);
            return Page();
        }

        await signIn.SignInAsync(user, isPersistent: false);
        return Redirect("/");
    }

    private async Task<DashboardUser?> ValidUserAsync()
    {
        if (UserId == Guid.Empty || string.IsNullOrEmpty(Token) || await users.FindByIdAsync(UserId.ToString()) is not { } user) return null;
        Email = user.Email;
        var valid = await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<DashboardUser>.ResetPasswordTokenPurpose, Token);
        return valid ? user : null;
    }

    /// <summary>A link used already, expired or made up: the same answer for each, which tells nothing about accounts.</summary>
    private PageResult Gone()
    {
        Problem = new Error(ErrorKind.NotFound, "This set-up link is not valid (any more): links work once, for a day. Ask for a new one.");
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
