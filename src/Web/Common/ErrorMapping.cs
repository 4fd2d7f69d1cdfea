using System.Net.WebSockets;
using CleanAgent.Application.Common;

namespace CleanAgent.Web.Common;

/// <summary>
/// The one place where an expected failure becomes a wire outcome: a WebSocket close code for Agent Stream,
/// an HTTP status for REST (ProblemDetails), an exit code for the admin CLI.
/// </summary>
public static class ErrorMapping
{
    public const WebSocketCloseStatus ProviderHandshakeError = (WebSocketCloseStatus)4400;
    public const WebSocketCloseStatus ProviderHandshakeTimeout = (WebSocketCloseStatus)4408;

    /// <summary>RFC 6455's "try again later": the server is draining and takes no new calls.</summary>
    public const WebSocketCloseStatus TryAgainLater = (WebSocketCloseStatus)1013;

    public static WebSocketCloseStatus ToCloseStatus(ErrorKind kind) => kind switch
    {
        ErrorKind.Unauthorized or ErrorKind.NotFound or ErrorKind.UnknownProvider or ErrorKind.QuotaExceeded
            => WebSocketCloseStatus.PolicyViolation,
        ErrorKind.ProviderHandshake or ErrorKind.Validation => ProviderHandshakeError,
        ErrorKind.ProviderHandshakeTimeout => ProviderHandshakeTimeout,
        ErrorKind.ProviderNotConfigured => WebSocketCloseStatus.InternalServerError,
        _ => WebSocketCloseStatus.InternalServerError,
    };

    public static int ToHttpStatus(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation or ErrorKind.ProviderHandshake or ErrorKind.UnknownProvider => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.ProviderHandshakeTimeout => StatusCodes.Status408RequestTimeout,
        ErrorKind.QuotaExceeded => StatusCodes.Status429TooManyRequests,
        ErrorKind.Unsupported => StatusCodes.Status501NotImplemented,
        ErrorKind.ProviderNotConfigured => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static int ToExitCode(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => 2,
        ErrorKind.NotFound => 3,
        _ => 1,
    };

    /// <summary>RFC 7807 problem details; a validation error carries its messages per field (<c>errors: {field: [..]}</c>).</summary>
    public static IResult ToProblem(Error error) => error is { Kind: ErrorKind.Validation, Fields.Count: > 0 }
        ? Results.ValidationProblem(error.Fields.ToDictionary(f => f.Key, f => f.Value), detail: error.Message, title: "Validation failed")
        : Results.Problem(detail: error.Message, statusCode: ToHttpStatus(error.Kind), title: Title(error.Kind));

    private static string Title(ErrorKind kind) => kind switch
    {
        ErrorKind.NotFound => "Not found",
        ErrorKind.Unauthorized => "Unauthorized",
        ErrorKind.Conflict => "Conflict",
        ErrorKind.Validation => "Validation failed",
        ErrorKind.QuotaExceeded => "Quota exceeded",
        _ => kind.ToString(),
    };
}
