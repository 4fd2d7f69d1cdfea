using CleanAgent.Infrastructure.Configuration;
using FluentValidation;

namespace CleanAgent.Infrastructure.Telephony.Cloudonix;

/// <summary><c>Cloudonix:*</c> settings.</summary>
public sealed class CloudonixOptions
{
    public const string Section = "Cloudonix";

    /// <summary>The REST API; configurable so an on-prem proxy or a test double can stand in.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://api.cloudonix.io");

    /// <summary>Limit for one hang-up request.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Limit for a hang-up with all its retries.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Retries after the first attempt, for timeouts and 5xx answers, with exponential backoff.</summary>
    public int MaxRetries { get; set; } = 3;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}

internal sealed class CloudonixOptionsValidator : AbstractValidator<CloudonixOptions>
{
    public CloudonixOptionsValidator()
    {
        RuleFor(o => o.ApiBaseUrl)
            .Must(url => url is { IsAbsoluteUri: true } && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
            .WithMessage("must be an absolute http(s) URL.");
        // The resilience pipeline refuses a timeout under 10 ms; the upper bounds keep a hang-up from outliving its call.
        RuleFor(o => o.AttemptTimeout).Within(TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(5));
        RuleFor(o => o.TotalTimeout).Within(TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(30))
            .GreaterThanOrEqualTo(o => o.AttemptTimeout).WithMessage(o => $"must be at least Cloudonix:AttemptTimeout ({o.AttemptTimeout:c}) (was {o.TotalTimeout:c}).");
        RuleFor(o => o.MaxRetries).Within(0, 10);
        RuleFor(o => o.RetryDelay).Within(TimeSpan.Zero, TimeSpan.FromMinutes(1));
    }
}
