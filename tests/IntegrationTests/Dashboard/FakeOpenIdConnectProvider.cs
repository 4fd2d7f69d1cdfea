using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanAgent.IntegrationTests.Dashboard;

/// <summary>Who the fake identity provider says signed in next, and what is wrong with the token it issues, if anything.</summary>
public sealed record FakeIdentity(string Subject, string Email, bool? EmailVerified = true, IdTokenFault Fault = IdTokenFault.None);

public enum IdTokenFault
{
    None,
    /// <summary>Signed with a key the provider never published, under the published key's id.</summary>
    SignedByAnotherKey,
    /// <summary>Signed properly for another person, then its payload changed to the identity's subject and email, the signature kept.</summary>
    PayloadAlteredAfterSigning,
    /// <summary><c>alg: none</c>, no signature at all.</summary>
    NoSignature,
}

/// <summary>One code exchanged at the token endpoint, as the provider checked it.</summary>
public sealed record TokenExchange(string ClientId, string RedirectUri, string Scope, bool PkceVerified);

/// <summary>
/// A real OpenID Connect provider on 127.0.0.1 (Kestrel), speaking the protocol as a real one does, so the dashboard's
/// OpenID Connect handler runs unchanged against it: discovery, a JWKS with an RSA key, <c>/authorize</c> answering at
/// once (no login form: the test says who signs in, <see cref="NextSignIn"/>) with a code for a registered client and
/// redirect URI, and <c>/token</c> checking the client's secret, the redirect URI and the PKCE verifier (S256) before
/// it issues an RS256 id_token that echoes the nonce.
/// </summary>
public sealed class FakeOpenIdConnectProvider : IAsyncDisposable
{
    private readonly RSA _signingRsa = RSA.Create(2048);
    private readonly RSA _impostorRsa = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, PendingCode> _codes = new();
    private readonly ConcurrentQueue<TokenExchange> _exchanges = new();
    private readonly ConcurrentDictionary<string, byte> _redirectUris = new();
    private readonly ConcurrentQueue<string> _issued = new();
    private WebApplication? _app;

    private FakeOpenIdConnectProvider(string clientId, string clientSecret)
    {
        ClientId = clientId;
        ClientSecret = clientSecret;
    }

    public string ClientId { get; }

    public string ClientSecret { get; }

    private const string KeyId = "fake-signing-key";

    /// <summary>The provider's issuer and authority, e.g. <c>http://127.0.0.1:5123</c> (no trailing slash, exactly as in its tokens).</summary>
    public string Issuer { get; private set; } = null!;

    /// <summary>The person the next <c>/authorize</c> signs in.</summary>
    public FakeIdentity? NextSignIn { get; set; }

    /// <summary>Every successful exchange of a code for tokens, in order.</summary>
    public IReadOnlyCollection<TokenExchange> Exchanges => _exchanges;

    /// <summary>Every code, verifier, access token and id_token that went over the wire, for the tests that look for them in logs.</summary>
    public IReadOnlyCollection<string> Credentials => _issued;

    /// <summary>Registers a client redirect URI, as an administrator does at a real provider; any other is refused.</summary>
    public void RegisterRedirectUri(Uri redirectUri) => _redirectUris[redirectUri.ToString()] = 0;

    public static async Task<FakeOpenIdConnectProvider> StartAsync(string clientId, string clientSecret)
    {
        var provider = new FakeOpenIdConnectProvider(clientId, clientSecret);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.MapGet("/.well-known/openid-configuration", (RequestDelegate)provider.DiscoveryAsync);
        app.MapGet("/jwks", (RequestDelegate)provider.KeysAsync);
        app.MapGet("/authorize", (RequestDelegate)provider.AuthorizeAsync);
        app.MapPost("/token", (RequestDelegate)provider.TokenAsync);
        await app.StartAsync();
        provider._app = app;
        provider.Issuer = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return provider;
    }

    private Task DiscoveryAsync(HttpContext context) => JsonAsync(context, 200, new Dictionary<string, object>
    {
        ["issuer"] = Issuer,
        ["authorization_endpoint"] = $"{Issuer}/authorize",
        ["token_endpoint"] = $"{Issuer}/token",
        ["jwks_uri"] = $"{Issuer}/jwks",
        ["response_types_supported"] = new[] { "code" },
        ["subject_types_supported"] = new[] { "public" },
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["code_challenge_methods_supported"] = new[] { "S256" },
        ["scopes_supported"] = new[] { "openid", "email", "profile" },
        ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post" },
    });

    private Task KeysAsync(HttpContext context)
    {
        var key = _signingRsa.ExportParameters(includePrivateParameters: false);
        return JsonAsync(context, 200, new
        {
            keys = new[]
            {
                new { kty = "RSA", use = "sig", alg = "RS256", kid = KeyId, n = Base64UrlEncoder.Encode(key.Modulus), e = Base64UrlEncoder.Encode(key.Exponent) },
            },
        });
    }

    private async Task AuthorizeAsync(HttpContext context)
    {
        var query = context.Request.Query;
        string redirectUri = query["redirect_uri"].ToString(), state = query["state"].ToString();
        if (query["client_id"] != ClientId || !_redirectUris.ContainsKey(redirectUri))
        {
            // A real provider never redirects to an unregistered URI: it shows its own error page.
            await PlainAsync(context, 400, "unknown client or unregistered redirect_uri");
            return;
        }

        if (query["response_type"] != "code" || query["code_challenge_method"] != "S256" || string.IsNullOrEmpty(query["code_challenge"]) || string.IsNullOrEmpty(query["nonce"]))
        {
            context.Response.Redirect($"{redirectUri}?error=invalid_request&state={Uri.EscapeDataString(state)}");
            return;
        }

        var identity = NextSignIn ?? throw new InvalidOperationException("The test did not say who signs in (NextSignIn).");
        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        _issued.Enqueue(code);
        _codes[code] = new PendingCode(redirectUri, query["scope"].ToString(), query["nonce"].ToString(), query["code_challenge"].ToString(), identity);
        context.Response.Redirect($"{redirectUri}?code={code}&state={Uri.EscapeDataString(state)}");
    }

    private async Task TokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
        {
            await JsonAsync(context, 401, new { error = "invalid_client" });
            return;
        }

        // A code is good for one exchange, by the redirect URI it was issued for, with the verifier of its challenge.
        if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var pending)
            || form["redirect_uri"] != pending.RedirectUri || !VerifierMatches(form["code_verifier"].ToString(), pending.CodeChallenge))
        {
            await JsonAsync(context, 400, new { error = "invalid_grant" });
            return;
        }

        _exchanges.Enqueue(new TokenExchange(ClientId, pending.RedirectUri, pending.Scope, PkceVerified: true));
        string accessToken = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32)), idToken = IdToken(pending);
        _issued.Enqueue(form["code_verifier"].ToString());
        _issued.Enqueue(accessToken);
        _issued.Enqueue(idToken);
        await JsonAsync(context, 200, new { access_token = accessToken, token_type = "Bearer", expires_in = 300, id_token = idToken });
    }

    private static bool VerifierMatches(string verifier, string challenge) =>
        verifier.Length >= 43 && Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) == challenge;

    private string IdToken(PendingCode pending)
    {
        var identity = pending.Identity;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = identity.Subject,
            ["email"] = identity.Email,
            ["nonce"] = pending.Nonce,
            ["name"] = "Test Person",
        };
        if (identity.EmailVerified is { } verified) claims["email_verified"] = verified;
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = ClientId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = claims,
        };

        var handler = new JsonWebTokenHandler();
        switch (identity.Fault)
        {
            case IdTokenFault.NoSignature:
                return handler.CreateToken(descriptor);
            case IdTokenFault.SignedByAnotherKey:
                descriptor.SigningCredentials = new SigningCredentials(new RsaSecurityKey(_impostorRsa) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256);
                return handler.CreateToken(descriptor);
            case IdTokenFault.PayloadAlteredAfterSigning:
                // Signed for somebody else, then changed to say it is the identity asked for: what an attacker would do.
                descriptor.Claims = new Dictionary<string, object>(claims) { ["sub"] = "attacker", ["email"] = "attacker@invalid.test" };
                descriptor.SigningCredentials = new SigningCredentials(new RsaSecurityKey(_signingRsa) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256);
                var parts = handler.CreateToken(descriptor).Split('.');
                var payload = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64UrlEncoder.DecodeBytes(parts[1]))!
                    .ToDictionary(p => p.Key, p => (object)p.Value);
                payload["sub"] = identity.Subject;
                payload["email"] = identity.Email;
                return $"{parts[0]}.{Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(payload))}.{parts[2]}";
            default:
                descriptor.SigningCredentials = new SigningCredentials(new RsaSecurityKey(_signingRsa) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256);
                return handler.CreateToken(descriptor);
        }
    }

    private static async Task JsonAsync(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    private static async Task PlainAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(text);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _signingRsa.Dispose();
        _impostorRsa.Dispose();
    }

    private sealed record PendingCode(string RedirectUri, string Scope, string Nonce, string CodeChallenge, FakeIdentity Identity);
}
