using System.Net;
using System.Text.RegularExpressions;

namespace CleanAgent.IntegrationTests.Dashboard;

/// <summary>
/// A browser-like HTTP client of the dashboard: its own cookie jar, no automatic redirects (the tests look at them),
/// and forms posted with the anti-forgery token the page they came from carries.
/// </summary>
public sealed partial class DashboardHttpClient(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseCookies = true })
    {
        BaseAddress = baseAddress,
    };

    public Uri BaseAddress => baseAddress;

    public HttpClient Http => _http;

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(new Uri(path, UriKind.Relative));

    public async Task<string> PageAsync(string path)
    {
        var response = await GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        return text;
    }

    /// <summary>Posts a form of the page at <paramref name="pagePath"/> with its anti-forgery token (or without, when told).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string pagePath, IReadOnlyDictionary<string, string> fields, string? action = null, bool withToken = true)
    {
        var page = await PageAsync(pagePath);
        var form = new Dictionary<string, string>(fields);
        if (withToken) form["__RequestVerificationToken"] = Token(page);
        return await _http.PostAsync(new Uri(action ?? pagePath, UriKind.Relative), new FormUrlEncodedContent(form));
    }

    public static string Token(string page) =>
        TokenInput().Match(page) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups["token"].Value) : throw new InvalidOperationException("The page has no anti-forgery token.");

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex TokenInput();
}
