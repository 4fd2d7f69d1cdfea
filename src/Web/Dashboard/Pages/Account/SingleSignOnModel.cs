using CleanAgent.Web.Dashboard.SingleSignOn;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace CleanAgent.Web.Dashboard.Pages.Account;

/// <summary>
/// <c>/sign-in/sso</c>: where the OpenID Connect handler sends the browser with the validated answer. Signs the account
/// in (the application cookie) and goes on, or goes back to the sign-in page saying why not. Nothing to show itself.
/// </summary>
public sealed class SingleSignOnModel(SingleSignOnSignIn singleSignOn, IOptions<SingleSignOnSettings> settings) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!settings.Value.Enabled) return NotFound();
        var outcome = await singleSignOn.SignInAsync(HttpContext);
        return outcome == SingleSignOnOutcome.SignedIn
            ? LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/")
            : Redirect(SingleSignOnOutcomes.SignInPageFor(outcome));
    }
}
