using System.Net;
using System.Net.Sockets;

namespace CleanAgent.Web;

/// <summary>
/// Checks, before Kestrel starts, that the addresses the server is to listen on are free: a port already in use is an
/// operator's mistake that deserves one line naming it, not a crash with the stack trace printed twice.
/// </summary>
public static class ListenAddresses
{
    /// <summary>The first of <paramref name="urls"/> (<c>;</c>-separated) whose port is taken, or null.</summary>
    public static string? FirstInUse(string? urls)
    {
        foreach (var url in (urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryParse(url, out var addresses, out var port) || port == 0) continue;
            foreach (var address in addresses)
                if (InUse(address, port)) return url;
        }

        return null;
    }

    private static bool TryParse(string url, out IPAddress[] addresses, out int port)
    {
        addresses = [];
        port = 0;
        // Kestrel's wildcards (http://*:5000, http://+:5000) are not valid URIs; they mean every address.
        var normalized = url.Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri)) return false;
        port = uri.Port;
        addresses = uri.Host switch
        {
            "localhost" => [IPAddress.Loopback],
            var host when IPAddress.TryParse(host.Trim('[', ']'), out var ip) => [ip],
            _ => [IPAddress.Any],
        };
        return true;
    }

    private static bool InUse(IPAddress address, int port)
    {
        try
        {
            var listener = new TcpListener(address, port);
            listener.Start();
            listener.Stop();
            return false;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return true;
        }
        catch (SocketException)
        {
            return false; // not ours to judge (no such interface here, say): Kestrel reports it
        }
    }
}
