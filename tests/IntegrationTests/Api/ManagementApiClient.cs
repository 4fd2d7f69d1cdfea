using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CleanAgent.Application.Common;

namespace CleanAgent.IntegrationTests.Api;

/// <summary>A real HTTP client of the host's management API, authenticated by one organization's key.</summary>
public sealed class ManagementApiClient(Uri baseAddress, Secret? apiKey, bool asBearer = false) : IDisposable
{
    private readonly HttpClient _http = Create(baseAddress, apiKey, asBearer);

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(new Uri(path, UriKind.Relative));

    public Task<HttpResponseMessage> PostAsync(string path, object? body = null) =>
        _http.PostAsync(new Uri(path, UriKind.Relative), body is null ? null : JsonContent.Create(body));

    public Task<HttpResponseMessage> PutAsync(string path, object body) => _http.PutAsync(new Uri(path, UriKind.Relative), JsonContent.Create(body));

    public Task<HttpResponseMessage> PatchAsync(string path, string json) =>
        _http.PatchAsync(new Uri(path, UriKind.Relative), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _http.SendAsync(request);

    /// <summary>The response's JSON, after checking its status (the body is in the failure message otherwise).</summary>
    public static async Task<JsonElement> Json(HttpResponseMessage response, System.Net.HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {response.ReasonPhrase}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public void Dispose() => _http.Dispose();

    private static HttpClient Create(Uri baseAddress, Secret? apiKey, bool asBearer)
    {
        var http = new HttpClient { BaseAddress = baseAddress };
        if (apiKey is { } key)
        {
            if (asBearer) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Value);
            else http.DefaultRequestHeaders.Add("X-API-Key", key.Value);
        }

        return http;
    }
}
