using CleanAgent.Application.Common;

namespace CleanAgent.Application.Voice;

/// <summary>Which OpenAI-compatible chat-completions endpoint and model one call thinks with.</summary>
/// <param name="ApiKey">None for an on-prem server (vLLM, Ollama, LM Studio) that needs no key.</param>
public sealed record LlmSettings(Uri BaseUrl, Secret? ApiKey, string Model);
