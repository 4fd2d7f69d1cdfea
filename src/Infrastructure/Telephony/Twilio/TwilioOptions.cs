using CleanAgent.Infrastructure.Configuration;
using FluentValidation;

namespace CleanAgent.Infrastructure.Telephony.Twilio;

/// <summary><c>Twilio:*</c> settings.</summary>
public sealed class TwilioOptions
{
    public const string Section = "Twilio";

    /// <summary>The REST API; configurable so a proxy or a test double can stand in.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://api.twilio.com");

    /// <summary>
    /// The public <c>wss://</c> base that Twilio's stream URLs start with (e.g. <c>wss://cleanagent.example.com</c>,
    /// or <c>wss://example.com/voice</c> when a proxy strips a path prefix). Twilio signs the URL it was given; when a
    /// proxy rewrites the Host, the URL the server sees differs from it, and this base stands in for its scheme, host
    /// and leading path. Unset: the URL as the request arrived (with <c>X-Forwarded-Proto</c> honoured).
    /// </summary>
    public Uri? StreamUrlBase { get; set; }

    /// <summary>Limit for one hang-up request.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Limit for a hang-up with all its retries.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Retries after the first attempt, for timeouts and 5xx answers, with exponential backoff.</summary>
    public int MaxRetries { get; set; } = 3;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}

internal sealed class TwilioOptionsValidator : AbstractValidator<TwilioOptions>
{
    public TwilioOptionsValidator()
    {
        RuleFor(o => o.ApiBaseUrl)
            .Must(url => url is { IsAbsoluteUri: true } && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
            .WithMessage("must be an absolute http(s) URL.");
        RuleFor(o => o.StreamUrlBase)
            .Must(url => url is { IsAbsoluteUri: true } && (url.Scheme == Uri.UriSchemeWss || url.Scheme == Uri.UriSchemeWs)
                         && string.IsNullOrEmpty(url.Query) && string.IsNullOrEmpty(url.Fragment))
            .When(o => o.StreamUrlBase is not null)
            .WithMessage("must be an absolute wss:// (or ws://) URL without a query, e.g. wss://cleanagent.example.com.");
        // The resilience pipeline refuses a timeout under 10 ms; the upper bounds keep a hang-up from outliving its call.
        RuleFor(o => o.AttemptTimeout).Within(TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(5));
        RuleFor(o => o.TotalTimeout).Within(TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(30))
            .GreaterThanOrEqualTo(o => o.AttemptTimeout).WithMessage(o => $"must be at least Twilio:AttemptTimeout ({o.AttemptTimeout:c}) (was {o.TotalTimeout:c}).");
        RuleFor(o => o.MaxRetries).Within(0, 10);
        RuleFor(o => o.RetryDelay).Within(TimeSpan.Zero, TimeSpan.FromMinutes(1));
    }
}
