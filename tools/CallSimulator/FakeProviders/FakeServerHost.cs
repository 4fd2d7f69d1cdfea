using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAgent.CallSimulator.FakeProviders;

/// <summary>The Kestrel set-up the fake providers share: loopback only, no configuration read, nothing logged.</summary>
internal static class FakeServerHost
{
    public static WebApplication Build(int port)
    {
        // The empty builder reads no configuration, environment or appsettings and logs nothing: a fake behaves the
        // same wherever it runs and keeps the console free for what the simulator prints.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            // A transcription upload of a long turn is a few MB at most.
            kestrel.Limits.MaxRequestBodySize = 32 * 1024 * 1024;
        });
        builder.Services.AddRoutingCore();
        return builder.Build();
    }

    /// <summary>Starts the app and returns where it listens, e.g. <c>http://127.0.0.1:5099/</c>.</summary>
    public static async Task<Uri> StartAsync(WebApplication app)
    {
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }
}
