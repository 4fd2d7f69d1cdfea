using CleanAgent.Application.Organizations;
using CleanAgent.Web.Common;

namespace CleanAgent.Web.Dashboard.Pages;

/// <summary><c>/organization</c>: limits, calls in progress now and minutes this month (GetOrganization).</summary>
public sealed class OrganizationModel(UseCases useCases) : DashboardPageModel(useCases)
{
    public OrganizationDetails Organization { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Organization = (await UseCases.Send(new GetOrganization(OrganizationId), ct)).Value;

    /// <summary>How much of a limit is used, 0–100, for the meters.</summary>
    public static int Percent(double used, double? limit) => limit is > 0 ? (int)Math.Clamp(Math.Round(used * 100 / limit.Value), 0, 100) : 0;
}
