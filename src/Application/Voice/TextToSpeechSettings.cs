using CleanAgent.Application.Common;

namespace CleanAgent.Application.Voice;

/// <summary>Where and how one call speaks: server defaults, or an override of them.</summary>
/// <param name="ApiKey">None for an on-prem server that needs no key.</param>
public sealed record TextToSpeechSettings(Uri BaseUrl, Secret? ApiKey, string Model, string Voice);
