using System.ClientModel;
using System.ClientModel.Primitives;
using CleanAgent.Application.Voice;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;

namespace CleanAgent.Infrastructure.Voice.OpenAi;

/// <summary>
/// The LLM port for one call: <c>Microsoft.Extensions.AI.OpenAI</c>'s chat-completions client pointed at the
/// call's base URL (OpenAI, Azure OpenAI's v1 endpoint, vLLM, Ollama, LM Studio, llama.cpp), over the named HTTP
/// client that carries the voice resilience pipeline, wrapped so that faults come out typed.
/// </summary>
internal sealed class OpenAiChatClientFactory(IHttpClientFactory httpClients, IOptions<VoiceOptions> options, TimeProvider time) : IChatClientFactory
{
    public IChatClient Create(LlmSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var limit = options.Value.ProviderTimeout;
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = settings.BaseUrl,
            Transport = new HttpClientPipelineTransport(httpClients.CreateClient(VoiceHttpClients.Llm)),
            // Retries and the first-byte timeout are the resilience pipeline's; the SDK's own would multiply them.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            // Bounds each read of the streamed answer, so a server that stalls mid-reply fails the turn.
            NetworkTimeout = limit,
        };
        var hasKey = settings.ApiKey is { IsBlank: false };
        if (!hasKey) clientOptions.AddPolicy(new NoAuthorizationPolicy(), PipelinePosition.BeforeTransport);
        var client = new OpenAIClient(new ApiKeyCredential(hasKey ? settings.ApiKey!.Value.Value : NoAuthorizationPolicy.Placeholder), clientOptions);
        return new ProviderErrorChatClient(client.GetChatClient(settings.Model).AsIChatClient(), limit, time);
    }
}
