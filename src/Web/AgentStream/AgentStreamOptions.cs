using CleanAgent.Infrastructure.Configuration;
using FluentValidation;

namespace CleanAgent.Web.AgentStream;

/// <summary><c>AgentStream:*</c> settings.</summary>
public sealed class AgentStreamOptions
{
    public const string Section = "AgentStream";

    /// <summary>How long the provider has for each of <c>connected</c> and <c>start</c>.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for the peer's close frame before giving up on a clean close.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Largest text message accepted; larger ones are a protocol error.</summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024;
}

internal sealed class AgentStreamOptionsValidator : AbstractValidator<AgentStreamOptions>
{
    public AgentStreamOptionsValidator()
    {
        RuleFor(o => o.HandshakeTimeout).Within(TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5));
        RuleFor(o => o.CloseTimeout).Within(TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(1));
        RuleFor(o => o.MaxMessageBytes).Within(1024, 16 * 1024 * 1024);
    }
}
