using CleanAgent.Infrastructure;
using CleanAgent.Infrastructure.Calls;
using CleanAgent.Infrastructure.Runs;
using CleanAgent.Infrastructure.Telephony.Cloudonix;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanAgent.UnitTests.Configuration;

/// <summary>The server's settings, as registered by the server itself, refuse values that would break calls later.</summary>
public sealed class SettingsValidationTests
{
    private static ServiceProvider Server(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return new ServiceCollection().AddLogging().AddServerInfrastructure(configuration).BuildServiceProvider();
    }

    private static void ReadAll(IServiceProvider services)
    {
        _ = services.GetRequiredService<IOptions<MediaSessionOptions>>().Value;
        _ = services.GetRequiredService<IOptions<RunOwnershipOptions>>().Value;
        _ = services.GetRequiredService<IOptions<CloudonixOptions>>().Value;
    }

    [Fact]
    public void Defaults_AreValid()
    {
        using var services = Server();

        ReadAll(services);
    }

    [Theory]
    [InlineData("Media:MaxLead", "00:00:05")]
    [InlineData("Media:MaxLead", "-00:00:00.020")]
    [InlineData("Media:MaxCallDuration", "00:00:00")]
    [InlineData("Media:MaxCallDuration", "-01:00:00")]
    [InlineData("Media:FinalMarkGrace", "01:00:00")]
    [InlineData("Media:InboundQueueFrames", "0")]
    [InlineData("Media:ClockNice", "5")]
    [InlineData("Media:ClockNice", "-21")]
    [InlineData("Media:CloseTimeout", "00:00:00")]
    [InlineData("Runs:HeartbeatInterval", "00:00:00")]
    [InlineData("Cloudonix:ApiBaseUrl", "/relative/path")]
    [InlineData("Cloudonix:ApiBaseUrl", "ftp://api.example.com")]
    [InlineData("Cloudonix:AttemptTimeout", "00:00:00")]
    [InlineData("Cloudonix:MaxRetries", "-1")]
    [InlineData("Cloudonix:RetryDelay", "-00:00:01")]
    public void OutOfRangeValue_IsRefused_NamingItsKey(string key, string value)
    {
        using var services = Server((key, value));

        var refused = Assert.Throws<OptionsValidationException>(() => ReadAll(services));

        Assert.Contains(key, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StaleAfter_ShorterThanTwoHeartbeats_IsRefused()
    {
        using var services = Server(("Runs:HeartbeatInterval", "00:00:30"), ("Runs:StaleAfter", "00:00:45"));

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RunOwnershipOptions>>().Value);

        Assert.Contains("Runs:StaleAfter", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Runs:HeartbeatInterval", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TotalTimeout_ShorterThanOneAttempt_IsRefused()
    {
        using var services = Server(("Cloudonix:AttemptTimeout", "00:00:05"), ("Cloudonix:TotalTimeout", "00:00:02"));

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<CloudonixOptions>>().Value);

        Assert.Contains("Cloudonix:TotalTimeout", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValuesInRange_AreTaken()
    {
        using var services = Server(("Media:MaxCallDuration", "00:30:00"), ("Cloudonix:ApiBaseUrl", "http://proxy.internal:8080/cx"));

        Assert.Equal(TimeSpan.FromMinutes(30), services.GetRequiredService<IOptions<MediaSessionOptions>>().Value.MaxCallDuration);
        Assert.Equal(new Uri("http://proxy.internal:8080/cx"), services.GetRequiredService<IOptions<CloudonixOptions>>().Value.ApiBaseUrl);
    }
}
