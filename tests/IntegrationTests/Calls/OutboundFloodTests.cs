using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CleanAgent.Application.Common;
using CleanAgent.CallSimulator;
using CleanAgent.IntegrationTests.Support;

namespace CleanAgent.IntegrationTests.Calls;

/// <summary>
/// One caller floods the echo agent far faster than real time. The server's own process is measured (its resident
/// memory), so the test runs the built server in a process of its own, configured and set up as operators do.
/// </summary>
[Collection(WholeMachineCollection.Name)]
public sealed class OutboundFloodTests : ServerProcessTest
{
    private const int FloodFrames = 20_000;
    private const int FloodPayloadBytes = 8_000;
    private const long MiB = 1024 * 1024;
    private static readonly TimeSpan MaxCallDuration = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Flood_OfTwentyThousandOneSecondFrames_KeepsMemoryBounded_AndMaxCallDurationStillEndsTheCall()
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Default"] = Database.ConnectionString,
            ["Cloudonix__ApiBaseUrl"] = Cloudonix.BaseAddress.ToString(),
            ["Media__MaxCallDuration"] = MaxCallDuration.ToString(),
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information", // "Now listening on: …"

        };
        var tenant = await new AdminCliProcess(Database).EchoTenantAsync("Flood");
        await using var server = await RunningServer.StartAsync(Database.Folder, environment);

        await WarmUpCallAsync(server, tenant);
        var before = server.ResidentBytes();

        var call = Caller.Cloudonix.CallTo(server.BaseAddress, tenant);
        var callSid = call.CallSid;
        await using var client = await AgentStreamClient.ConnectAsync(call);
        await client.HandshakeAsync();
        var started = Stopwatch.StartNew();
        var close = client.ReceiveCloseAsync(seconds: 90);
        var peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, server.ResidentBytes());
                await Task.Delay(50, CancellationToken.None);
            }
        }, CancellationToken.None);

        var media = MediaMessage(FloodPayloadBytes);
        for (var i = 0; i < FloodFrames && !close.IsCompleted; i++) await client.SendBytesAsync(media);
        var floodSeconds = started.Elapsed.TotalSeconds;
        await client.SendJsonAsync(new { @event = "dtmf", streamSid = "MZ0001", dtmf = new { digit = "#" } });

        var (code, _) = await close;
        var callSeconds = started.Elapsed.TotalSeconds;
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        await sampling.CancelAsync();
        await sampler;
        var after = server.ResidentBytes();

        var report = $"flood {floodSeconds:0.0} s, call {callSeconds:0.0} s; RSS before {before / MiB} MiB, peak {peak / MiB} MiB, after {after / MiB} MiB";
        Assert.Equal(1000, code);
        // The limit ends the call although '#' came with a huge backlog queued (the goodbye waits for what is queued).
        Assert.InRange(callSeconds, MaxCallDuration.TotalSeconds - 1, MaxCallDuration.TotalSeconds + 4);
        Assert.True(peak - before <= 64 * MiB, $"memory grew more than 64 MiB during the flood: {report}");
        Assert.True(after - before <= 32 * MiB, $"memory was not back within 32 MiB after the call: {report}");
        var hangup = await Cloudonix.WaitForHangupAsync(callSid, TimeSpan.FromSeconds(5));
        Assert.Equal(callSid, hangup.CallSid);
        var run = (await new AdminCliProcess(Database).JsonAsync(0, "list-runs", "--agent", tenant.AgentUuid.ToString())).RootElement.EnumerateArray()
            .Single(r => r.GetProperty("initialContext").GetProperty("call_id").GetString() == call.CallId && r.GetProperty("state").GetString() != "running"
                && r.GetProperty("endReason").GetString() != "user_hangup");
        Assert.Equal(("completed", "max_duration"), (run.GetProperty("state").GetString(), run.GetProperty("endReason").GetString()));
        TestContext.Current.TestOutputHelper?.WriteLine(report);
    }

    /// <summary>A media message with a one-second payload, built once: the flood itself allocates nothing.</summary>
    private static byte[] MediaMessage(int payloadBytes)
    {
        var payload = new byte[payloadBytes];
        new Random(3).NextBytes(payload);
        return Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            @event = "media",
            streamSid = "MZ0001",
            media = new { track = "inbound", chunk = "1", timestamp = "0", payload = Convert.ToBase64String(payload) },
        }));
    }

    /// <summary>A short ordinary call first, so start-up work (JIT, pools, the first database use) is not counted as the flood's.</summary>
    private static async Task WarmUpCallAsync(RunningServer server, Tenant tenant)
    {
        await using var client = await AgentStreamClient.ConnectAsync(server.BaseAddress, tenant);
        await client.HandshakeAsync();
        for (var i = 0; i < 50; i++) await client.SendMediaAsync();
        await client.SendStopAsync();
        Assert.Equal(1000, (await client.ReceiveCloseAsync()).Code);
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
    }
}
