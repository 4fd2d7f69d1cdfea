using CleanAgent.Infrastructure;
using CleanAgent.Infrastructure.Telephony.Twilio;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanAgent.UnitTests.Telephony;

/// <summary>The <c>Twilio:*</c> settings, as the server registers them, refuse values that would break calls later.</summary>
public sealed class TwilioSettingsTests
{
    private static TwilioOptions Read(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        using var services = new ServiceCollection().AddLogging().AddServerInfrastructure(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<TwilioOptions>>().Value;
    }

    [Fact]
    public void Defaults_AreValid_AndPointAtTwilio()
    {
        var options = Read();

        Assert.Equal(new Uri("https://api.twilio.com"), options.ApiBaseUrl);
        Assert.Null(options.StreamUrlBase);
    }

    [Fact]
    public void StreamUrlBase_IsRead()
    {
        Assert.Equal(new Uri("wss://cleanagent.example.com/voice"), Read(("Twilio:StreamUrlBase", "wss://cleanagent.example.com/voice")).StreamUrlBase);
    }

    [Theory]
    [InlineData("Twilio:ApiBaseUrl", "/relative/path")]
    [InlineData("Twilio:ApiBaseUrl", "ftp://api.example.com")]
    [InlineData("Twilio:StreamUrlBase", "https://cleanagent.example.com")]
    [InlineData("Twilio:StreamUrlBase", "wss://cleanagent.example.com/?x=1")]
    [InlineData("Twilio:AttemptTimeout", "00:00:00")]
    [InlineData("Twilio:TotalTimeout", "00:00:01")]
    [InlineData("Twilio:MaxRetries", "-1")]
    [InlineData("Twilio:MaxRetries", "11")]
    [InlineData("Twilio:RetryDelay", "-00:00:01")]
    public void OutOfRangeValue_IsRefused_NamingItsKey(string key, string value)
    {
        var refused = Assert.Throws<OptionsValidationException>(() => Read((key, value)));

        Assert.Contains(key, refused.Message, StringComparison.Ordinal);
    }
}
