using Xunit.Sdk;

namespace CleanAgent.IntegrationTests.Support;

/// <summary>The wait helper is part of every assertion that uses it: a wait that runs out must fail the test.</summary>
public sealed class EventuallyTests
{
    [Fact]
    public async Task Until_ConditionThatNeverHolds_FailsTheTest()
    {
        var failure = await Assert.ThrowsAnyAsync<XunitException>(() => Eventually.Until(() => Task.FromResult(41), n => n == 42, seconds: 0));

        Assert.Contains("41", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Until_ReturnsTheFirstValueThatHolds()
    {
        var reads = 0;

        var value = await Eventually.Until(() => Task.FromResult(++reads), n => n == 3);

        Assert.Equal(3, value);
    }
}
