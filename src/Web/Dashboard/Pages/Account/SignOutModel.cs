using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanAgent.Web.Dashboard.Pages.Account;

/// <summary><c>POST /sign-out</c> (a form with its anti-forgery token, from every page's header): the cookie is gone.</summary>
public sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() => Redirect(DashboardSite.SignInPath);

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        return Redirect(DashboardSite.SignInPath);
    }
}
