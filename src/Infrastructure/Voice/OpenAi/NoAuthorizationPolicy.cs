using System.ClientModel.Primitives;

namespace CleanAgent.Infrastructure.Voice.OpenAi;

/// <summary>
/// For an on-prem server that needs no key (vLLM, Ollama, LM Studio, llama.cpp): the OpenAI SDK's stable
/// constructors insist on a key and always send it as <c>Authorization: Bearer …</c>. This policy runs last, just
/// before the transport, and takes the header off again, so such a server sees no credential at all.
/// </summary>
internal sealed class NoAuthorizationPolicy : PipelinePolicy
{
    /// <summary>What the SDK is given in place of a key; it never leaves the process.</summary>
    public const string Placeholder = "no-key";

    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        message.Request.Headers.Remove("Authorization");
        ProcessNext(message, pipeline, currentIndex);
    }

    public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        message.Request.Headers.Remove("Authorization");
        return ProcessNextAsync(message, pipeline, currentIndex);
    }
}
