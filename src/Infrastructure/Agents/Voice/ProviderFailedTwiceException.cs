using CleanAgent.Application.Voice;

namespace CleanAgent.Infrastructure.Agents.Voice;

/// <summary>A provider call failed, and so did its one retry: the agent apologises and ends the call (<c>provider_error</c>).</summary>
internal sealed class ProviderFailedTwiceException(ProviderError error)
    : Exception($"{error.Stage} provider failed twice ({error.Kind}): {error.Message}")
{
    public ProviderError Error { get; } = error;
}
