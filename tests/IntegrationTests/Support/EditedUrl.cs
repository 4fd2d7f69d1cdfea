using Microsoft.AspNetCore.WebUtilities;

namespace CleanAgent.IntegrationTests.Support;

/// <summary>
/// A URL the simulator built (the one URL builder), changed the way no platform would: a parameter removed, renamed,
/// blanked or given a hostile value, the provider put in the path. For tests of what the server does with such URLs.
/// </summary>
public static class EditedUrl
{
    public static Uri Of(Uri url, Action<Dictionary<string, string?>>? changeQuery = null, string? pathProvider = null)
    {
        var query = QueryHelpers.ParseQuery(url.Query).ToDictionary(p => p.Key, p => (string?)p.Value.ToString(), StringComparer.Ordinal);
        changeQuery?.Invoke(query);
        var path = pathProvider is null ? url.AbsolutePath : url.AbsolutePath.Replace("/agent-stream/", $"/agent-stream/{pathProvider}/", StringComparison.Ordinal);
        var rebuilt = string.Join('&', query.Where(p => p.Value is not null).Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value!)}"));
        return new UriBuilder(url) { Path = path, Query = rebuilt }.Uri;
    }
}
