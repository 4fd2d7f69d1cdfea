using System.Runtime.CompilerServices;
using CleanAgent.Application.Voice;
using Microsoft.Extensions.AI;

namespace CleanAgent.Infrastructure.Voice.OpenAi;

/// <summary>
/// Gives the LLM port the voice pipeline's failure contract: whatever the SDK, HTTP stack or resilience pipeline
/// throws becomes a <see cref="ProviderException"/> with a typed error; no first streamed update within the provider
/// timeout is a <see cref="ProviderErrorKind.Timeout"/>; a reply with neither text nor a tool call is
/// <see cref="ProviderErrorKind.EmptyResult"/>. Cancellation by the caller stays an <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class ProviderErrorChatClient(IChatClient inner, TimeSpan providerTimeout, TimeProvider time) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(messages, options, cancellationToken);
        }
        catch (Exception ex) when (ex is not ProviderException && !cancellationToken.IsCancellationRequested)
        {
            throw new ProviderException(ProviderFailures.FromException(VoiceStage.Llm, ex, providerTimeout), ex);
        }

        var said = response.Messages.SelectMany(m => m.Contents).Any(IsSomething);
        return said ? response : throw new ProviderException(ProviderFailures.Empty(VoiceStage.Llm, "the model replied with neither text nor a tool call"));
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var firstUpdate = new CancellationTokenSource(providerTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, firstUpdate.Token);
        var updates = base.GetStreamingResponseAsync(messages, options, linked.Token).GetAsyncEnumerator(linked.Token);
        var said = false;
        try
        {
            while (true)
            {
                ChatResponseUpdate update;
                try
                {
                    if (!await updates.MoveNextAsync()) break;
                    update = updates.Current;
                }
                catch (Exception ex) when (ex is not ProviderException && !cancellationToken.IsCancellationRequested)
                {
                    throw new ProviderException(ProviderFailures.FromException(VoiceStage.Llm, ex, providerTimeout), ex);
                }

                // The first byte is what the timeout bounds; a slow reply after it is the SDK's network timeout's to judge.
                firstUpdate.CancelAfter(Timeout.InfiniteTimeSpan);
                said |= update.Contents.Any(IsSomething);
                yield return update;
            }
        }
        finally
        {
            await updates.DisposeAsync();
        }

        if (!said) throw new ProviderException(ProviderFailures.Empty(VoiceStage.Llm, "the model replied with neither text nor a tool call"));
    }

    private static bool IsSomething(AIContent content) =>
        content is FunctionCallContent || (content is TextContent text && !string.IsNullOrWhiteSpace(text.Text));
}
