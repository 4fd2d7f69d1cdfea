using System.Security.Claims;
using System.Text.Encodings.Web;
using CleanAgent.Application.ApiKeys;
using CleanAgent.Application.Common;
using CleanAgent.Web.Common;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CleanAgent.Web.Api;

/// <summary>
/// The management API's caller: an active API key in <c>X-API-Key</c> or <c>Authorization: Bearer</c>, authenticated
/// by the same use case as Agent Stream calls. The key's organization becomes the request's scope
/// (<see cref="ApiCaller"/>). A missing, unknown or archived key is a 401 problem; the key is never echoed or logged.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, UseCases useCases)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-API-Key";

    private const int MaxHeaderLength = 512;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (PresentedKey() is not { } presented) return AuthenticateResult.NoResult();

        var caller = await useCases.Send(new AuthenticateApiKey(new Secret(presented)), Context.RequestAborted);
        if (!caller.IsSuccess) return AuthenticateResult.Fail(caller.Error!.Message);

        var identity = new ClaimsIdentity(ApiCaller.Claims(caller.Value), SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(
                title: "Unauthorized",
                detail: $"Invalid or missing API key: send it in the {HeaderName} header or as Authorization: Bearer.",
                statusCode: StatusCodes.Status401Unauthorized)
            .ExecuteAsync(Context);
    }

    private string? PresentedKey()
    {
        string? key = Request.Headers[HeaderName];
        if (string.IsNullOrEmpty(key))
        {
            string? authorization = Request.Headers.Authorization;
            if (authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) key = authorization[7..].Trim();
        }

        // An absurd header is no key at all: the use case would refuse it, but it need not be hashed first.
        return string.IsNullOrEmpty(key) ? null : key.Length > MaxHeaderLength ? string.Empty : key;
    }
}
