using CleanAgent.Infrastructure.Configuration;
using FluentValidation;

namespace CleanAgent.Web.AgentStream;

/// <summary><c>AgentStream:*</c> settings.</summary>
public sealed class AgentStreamOptions
{
    public const string Section = "AgentStream";

    /// <summary>How long the provider has for each of <c>connected</c> and <c>start</c>.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

internal sealed class AgentStreamOptionsValidator : AbstractValidator<AgentStreamOptions>
{
    public AgentStreamOptionsValidator() =>
        RuleFor(o => o.HandshakeTimeout).Within(TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5));
}
