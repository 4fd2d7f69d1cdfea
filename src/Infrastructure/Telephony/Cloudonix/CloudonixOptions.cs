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
