using CleanAgent.Application.Common;

namespace CleanAgent.Application.Voice;

/// <summary>Whether a voice call's providers can work with the settings an organization's calls get, and if not, why.</summary>
/// <param name="Problems">Every stage that cannot work, in pipeline order; empty when all can.</param>
/// <param name="Providers">
/// The settings judged, which the call then uses: the server's <c>Voice:*</c> with the organization's own over them,
/// keys included (as <see cref="Secret"/>s, which never print).
/// </param>
public sealed record VoiceProviderReadiness(IReadOnlyList<ProviderConfigurationProblem> Problems, VoiceProviderSettings Providers)
{
    public bool IsReady => Problems.Count == 0;

    /// <summary>
    /// What admission answers a call it cannot serve: the one problem's sentence, or the settings to fix when there are
    /// several (short enough for a WebSocket close reason). Names settings, never their values. Null when ready.
    /// </summary>
    public Error? Refusal => Problems switch
    {
        [] => null,
        [var only] => new Error(ErrorKind.ProviderNotConfigured, only.Reason),
        _ => new Error(ErrorKind.ProviderNotConfigured, $"Voice providers are not configured: {string.Join(", ", Problems.Select(p => p.Setting))}."),
    };
}
