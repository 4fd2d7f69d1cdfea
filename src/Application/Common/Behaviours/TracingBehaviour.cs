using System.Diagnostics;
using Mediator;

namespace CleanAgent.Application.Common.Behaviours;

/// <summary>
/// A span per use case, named after it (<c>AuthenticateApiKey</c>, <c>StartWorkflowRun</c>, …), as a child of the span
/// it runs under: a call's admission and end, a REST request. A failed result marks the span an error with the error's
/// kind — never its message nor the request, which may carry secrets. A use case run outside any trace (a background
/// sweep, the admin CLI) starts none: a trace every few seconds of heartbeat would bury the calls.
/// </summary>
public sealed class TracingBehaviour<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
    where TResponse : IFailable<TResponse>
{
    private static readonly string UseCase = typeof(TMessage).Name;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (Activity.Current is null) return await next(message, cancellationToken);
        using var span = UseCaseSpans.Source.StartActivity(UseCase);
        if (span is null) return await next(message, cancellationToken);

        span.SetTag(UseCaseSpans.UseCaseAttribute, UseCase);
        try
        {
            var response = await next(message, cancellationToken);
            if (response.Error is { } error) span.SetStatus(ActivityStatusCode.Error).SetTag("error.type", error.Kind.ToString());
            return response;
        }
        catch (Exception ex)
        {
            span.SetStatus(ActivityStatusCode.Error).SetTag("error.type", ex.GetType().FullName);
            throw;
        }
    }
}
