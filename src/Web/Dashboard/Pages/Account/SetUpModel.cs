using CleanAgent.Application.Common;
using CleanAgent.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanAgent.Web.Dashboard.Pages.Account;

/// <summary>
/// <c>/set-up</c>: only while the server has no account. Makes the organization and its owner, signs the owner in.
/// Afterwards it is a 404.
/// </summary>
public sealed class SetUpModel(OwnerSetUp setUp, SignInManager<DashboardUser> signIn) : PageModel
{
    [BindProperty]
    public string OrganizationName { get; set; } = string.Empty;

    [BindProperty]
    public string Email { get; set; } = string.Empty;

    [BindProperty]
    public string Password { get; set; } = string.Empty;

    [BindProperty]
    public string ConfirmPassword { get; set; } = string.Empty;

    public Error? Problem { get; private set; }

    public int MinimumPasswordLength => DashboardUsers.MinimumPasswordLength;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await setUp.IsOpenAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await setUp.IsOpenAsync(ct)) return NotFound();
        if (Password != ConfirmPassword)
        {
            Problem = OwnerSetUp.PasswordsDiffer;
            return Page();
        }

        var owner = await setUp.CreateOwnerAsync(OrganizationName.Trim(), Email.Trim(), Password, ct);
        if (!owner.IsSuccess)
        {
            if (owner.Error!.Kind == ErrorKind.Conflict) return NotFound();
            Problem = owner.Error;
            return Page();
        }

        await signIn.SignInAsync(owner.Value, isPersistent: false);
        return Redirect("/");
    }
}
