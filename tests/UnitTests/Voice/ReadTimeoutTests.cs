using CleanAgent.Infrastructure.Voice;
using Microsoft.Extensions.Time.Testing;

namespace CleanAgent.UnitTests.Voice;

/// <summary>The per-read deadline of streamed provider answers, on a fake clock.</summary>
public sealed class ReadTimeoutTests
{
    [Fact]
    public void EachRead_GetsAFreshDeadline_AndAStoppedOneNeverFires()
    {
        var time = new FakeTimeProvider();
        using var timeout = new ReadTimeout(TimeSpan.FromSeconds(2), time, CancellationToken.None);

        for (var read = 0; read < 5; read++)
        {
            var token = timeout.Start();
            time.Advance(TimeSpan.FromSeconds(1.5));
            Assert.False(token.IsCancellationRequested);
            timeout.Stop();
            time.Advance(TimeSpan.FromSeconds(10));
            Assert.False(token.IsCancellationRequested);
        }

        var stalled = timeout.Start();
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(stalled.IsCancellationRequested);
    }

    [Fact]
    public void TheCallersToken_CancelsTheRead()
    {
        using var caller = new CancellationTokenSource();
        using var timeout = new ReadTimeout(TimeSpan.FromSeconds(2), new FakeTimeProvider(), caller.Token);

        var token = timeout.Start();
        caller.Cancel();

        Assert.True(token.IsCancellationRequested);
    }
}
