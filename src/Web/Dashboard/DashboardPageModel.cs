using CleanAgent.Web.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanAgent.Web.Dashboard;

/// <summary>
/// A signed-in page: its use cases go through the same <see cref="UseCases"/> as the REST API's routes, scoped to the
/// user's organization. A page holds no logic of its own beyond showing what they return.
/// </summary>
public abstract class DashboardPageModel : PageModel
{
    protected DashboardPageModel(UseCases useCases) => UseCases = useCases;

    protected UseCases UseCases { get; }

    protected Guid OrganizationId => User.DashboardOrganizationId();

    /// <summary>Another organization's agent or run is not found, exactly like a missing one.</summary>
    protected IActionResult NotFoundPage() => NotFound();
}
