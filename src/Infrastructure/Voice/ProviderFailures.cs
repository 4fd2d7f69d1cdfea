using System.ClientModel;
using System.Net.Http;
using System.Net.WebSockets;
using System.Text.Json;
using CleanAgent.Application.Voice;
using Polly.Timeout;

namespace CleanAgent.Infrastructure.Voice;

/// <summary>
/// Turns what the HTTP stack, the resilience pipeline, the OpenAI SDK and sockets throw into the typed errors the
/// voice agent acts on. Messages name the kind of failure only, never a URL's query, a header or a body.
/// </summary>
internal static class ProviderFailures
{
    public static ProviderError Timeout(VoiceStage stage, TimeSpan limit) =>
        new(stage, ProviderErrorKind.Timeout, $"no answer within {limit.TotalMilliseconds:0} ms");

    public static ProviderError Status(VoiceStage stage, int status) =>
        new(stage, ProviderErrorKind.HttpStatus, $"the provider answered HTTP {status}", status);

    public static ProviderError Protocol(VoiceStage stage, string what) => new(stage, ProviderErrorKind.Protocol, what);

    public static ProviderError Empty(VoiceStage stage, string what) => new(stage, ProviderErrorKind.EmptyResult, what);

    /// <summary>
    /// Maps an exception from a provider call. <paramref name="callerCancelled"/> is the caller's own token: a
    /// cancellation that is not the caller's is a timeout somewhere below (HttpClient, SDK network timeout, ours).
    /// </summary>
    public static ProviderError FromException(VoiceStage stage, Exception exception, TimeSpan limit)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case ProviderException provider:
                    return provider.Error;
                case TimeoutRejectedException or TimeoutException or OperationCanceledException:
                    return Timeout(stage, limit);
                case ClientResultException { Status: > 0 } result:
                    return Status(stage, result.Status);
                case HttpRequestException { StatusCode: { } status }:
                    return Status(stage, (int)status);
                case JsonException or FormatException or InvalidDataException:
                    return Protocol(stage, "the provider's answer was not in its protocol");
            }
        }

        return exception switch
        {
            HttpRequestException or ClientResultException or IOException or WebSocketException =>
                new ProviderError(stage, ProviderErrorKind.Unreachable, $"the provider could not be reached ({exception.GetType().Name})"),
            _ => Protocol(stage, $"the provider call failed ({exception.GetType().Name})"),
        };
    }
}
