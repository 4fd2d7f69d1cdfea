using System.Text.Json;
using CleanAgent.CallSimulator.Cli;

namespace CleanAgent.IntegrationTests.Simulator;

public sealed class CallSimulatorCliTests
{
    [Fact]
    public async Task Call_WithJson_PrintsOnlyTheLoadReportOnStdout()
    {
        await using var server = await EchoAgentServer.StartAsync();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await CallSimulatorCli.RunAsync(
            ["call", "--url", server.BaseAddress.ToString(), "--agent", "agent-1", "--api-key", "dg_cli",
             "--tone", "300", "--seconds", "0.2", "--hold-seconds", "0.2", "--dtmf", "7@0.05", "--calls", "2", "--json"],
            stdout, stderr);

        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        var report = JsonDocument.Parse(stdout.ToString()).RootElement;
        Assert.Equal(2, report.GetProperty("calls").GetInt32());
        Assert.Equal(2, report.GetProperty("closeCodes").GetProperty("1000").GetInt32());
        Assert.Equal(20, report.GetProperty("framesSent").GetInt64());
        Assert.Equal(0, report.GetProperty("framesLost").GetInt64());
        // Durations are plain milliseconds.
        Assert.Equal(JsonValueKind.Number, report.GetProperty("connectTime").GetProperty("p50").ValueKind);
        Assert.All(server.Calls, call => Assert.Equal(['7'], call.Digits));
        Assert.Contains("#1 CA", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_WithFakeCloudonix_PrintsTheFiguresAndTheHangups()
    {
        await using var server = await EchoAgentServer.StartAsync();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await CallSimulatorCli.RunAsync(
            ["call", "--url", server.BaseAddress.ToString(), "--agent", "agent-1", "--api-key", "dg_cli",
             "--seconds", "0.1", "--hold-seconds", "0.1", "--fake-cloudonix-port", "0"],
            stdout, stderr);

        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        var text = stdout.ToString();
        Assert.Contains("fake Cloudonix API on http://127.0.0.1:", text, StringComparison.Ordinal);
        Assert.Contains("connect-to-admitted", text, StringComparison.Ordinal);
        Assert.Contains("received-frame interval", text, StringComparison.Ordinal);
        Assert.Contains("sent 5, received 5, lost 0", text, StringComparison.Ordinal);
        Assert.Contains("1000×1", text, StringComparison.Ordinal);
        Assert.Contains("recorded 0 hang-up request(s)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_WithBadDtmf_FailsWithAMessage()
    {
        using var stderr = new StringWriter();

        var exit = await CallSimulatorCli.RunAsync(
            ["call", "--url", "ws://127.0.0.1:1", "--agent", "a", "--api-key", "k", "--dtmf", "#5"], new StringWriter(), stderr);

        Assert.NotEqual(0, exit);
        Assert.Contains("digit@seconds", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_WithBothWavAndTone_IsAUsageError()
    {
        using var stderr = new StringWriter();

        var exit = await CallSimulatorCli.RunAsync(
            ["call", "--url", "ws://127.0.0.1:1", "--agent", "a", "--api-key", "k", "--wav", "x.wav", "--tone", "440"], new StringWriter(), stderr);

        Assert.NotEqual(0, exit);
        Assert.Contains("either --wav or --tone", stderr.ToString(), StringComparison.Ordinal);
    }
}
