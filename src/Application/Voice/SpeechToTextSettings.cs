using CleanAgent.Application.Common;

namespace CleanAgent.Application.Voice;

/// <summary>Where and how one call transcribes: server defaults, or an organization's or agent version's override of them.</summary>
/// <param name="ApiKey">None for an on-prem server that needs no key.</param>
/// <param name="Language">A language code such as <c>en</c>; empty lets the provider detect it.</param>
public sealed record SpeechToTextSettings(SpeechToTextProvider Provider, Uri BaseUrl, Secret? ApiKey, string Model, string Language);
