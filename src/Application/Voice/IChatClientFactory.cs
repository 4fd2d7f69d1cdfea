using Microsoft.Extensions.AI;

namespace CleanAgent.Application.Voice;

/// <summary>
/// Makes the LLM port, <see cref="IChatClient"/>, for one call's settings. A factory rather than one shared client
/// because the endpoint, key and model may differ per call (organization and agent-version overrides); the model is
/// fixed here, and <see cref="ChatOptions.ModelId"/> is not used to switch it. The client streams with tools as
/// <c>Microsoft.Extensions.AI</c> defines; provider faults surface as <see cref="ProviderException"/>, including a
/// reply with neither text nor a tool call (<see cref="ProviderErrorKind.EmptyResult"/>) and no first update
/// within the provider timeout. Dispose the client when the call ends.
/// </summary>
public interface IChatClientFactory
{
    IChatClient Create(LlmSettings settings);
}
