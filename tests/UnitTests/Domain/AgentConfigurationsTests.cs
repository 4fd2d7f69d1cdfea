using CleanAgent.Domain.Agents;

namespace CleanAgent.UnitTests.Domain;

public sealed class AgentConfigurationsTests
{
    private const string DograhExport = """
        {
          "ambient_noise_configuration": {"enabled": false, "volume": 0.3},
          "max_call_duration": 600,
          "max_user_idle_timeout": 10.5,
          "smart_turn_stop_secs": 2,
          "turn_stop_strategy": "transcription",
          "dictionary": " Acme, invoice ,, Zendesk,acme ",
          "recording": true,
          "model_overrides": {
            "llm": {"provider": "openai", "model": "gpt-4o"},
            "tts": {"provider": "openai", "voice": "nova", "model": "tts-1-hd"},
            "stt": {"provider": "deepgram", "model": "nova-3", "language": "de"},
            "is_realtime": false
          }
        }
        """;

    [Fact]
    public void DograhExport_IsReadKeyByKey()
    {
        var configurations = Valid(DograhExport);

        Assert.Equal(TimeSpan.FromSeconds(600), configurations.MaxCallDuration);
        Assert.Equal(TimeSpan.FromSeconds(10.5), configurations.MaxUserIdleTimeout);
        Assert.True(configurations.Recording);
        Assert.Equal(["Acme", "invoice", "Zendesk"], configurations.Dictionary);
        Assert.Equal(new ModelOverrides("gpt-4o", "nova", "tts-1-hd", "nova-3", "de"), configurations.ModelOverrides);
    }

    [Fact]
    public void UnknownKeys_AreKeptInTheJson_AndIgnored()
    {
        var configurations = Valid(DograhExport);

        Assert.Equal(DograhExport, configurations.Json);
        Assert.Contains("smart_turn_stop_secs", configurations.Json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void NoConfigurations_AreTheEmptyDefaults(string? json)
    {
        var configurations = Valid(json);

        Assert.Same(AgentConfigurations.Empty, configurations);
        Assert.Null(configurations.MaxCallDuration);
        Assert.Null(configurations.MaxUserIdleTimeout);
        Assert.False(configurations.Recording);
        Assert.Empty(configurations.Dictionary);
        Assert.Equal(ModelOverrides.None, configurations.ModelOverrides);
    }

    [Fact]
    public void NullValues_CountAsNotSet()
    {
        var configurations = Valid("""{"max_call_duration":null,"max_user_idle_timeout":null,"model_overrides":null,"recording":null,"dictionary":null}""");

        Assert.Null(configurations.MaxCallDuration);
        Assert.Null(configurations.MaxUserIdleTimeout);
        Assert.Equal(ModelOverrides.None, configurations.ModelOverrides);
        Assert.False(configurations.Recording);
        Assert.Empty(configurations.Dictionary);
    }

    [Fact]
    public void NumbersAndBooleansAsStrings_AreAccepted_AsDograhsLaxValidationDoes()
    {
        var configurations = Valid("""{"max_call_duration":" 300 ","max_user_idle_timeout":"7.5","recording":"false"}""");

        Assert.Equal(TimeSpan.FromSeconds(300), configurations.MaxCallDuration);
        Assert.Equal(TimeSpan.FromSeconds(7.5), configurations.MaxUserIdleTimeout);
        Assert.False(configurations.Recording);
    }

    [Fact]
    public void BlankModelNames_CountAsNotSet()
    {
        var configurations = Valid("""{"model_overrides":{"llm":{"model":""},"tts":{"voice":"  "},"stt":{}}}""");

        Assert.Equal(ModelOverrides.None, configurations.ModelOverrides);
    }

    [Theory]
    [InlineData("""{"max_call_duration":0}""", "'max_call_duration' must be more than 0")]
    [InlineData("""{"max_call_duration":-5}""", "'max_call_duration' must be more than 0 and at most 86400 seconds (24 h); it is -5")]
    [InlineData("""{"max_call_duration":86401}""", "'max_call_duration' must be more than 0 and at most 86400")]
    [InlineData("""{"max_call_duration":1e400}""", "'max_call_duration' must be more than 0")]
    [InlineData("""{"max_call_duration":"ten"}""", "'max_call_duration' must be a number of seconds, not a string")]
    [InlineData("""{"max_call_duration":"NaN"}""", "'max_call_duration'")]
    [InlineData("""{"max_call_duration":true}""", "'max_call_duration' must be a number of seconds, not a boolean")]
    [InlineData("""{"max_user_idle_timeout":[10]}""", "'max_user_idle_timeout' must be a number of seconds, not an array")]
    [InlineData("""{"recording":"sometimes"}""", "'recording' must be true or false, not a string")]
    [InlineData("""{"recording":1}""", "'recording' must be true or false, not a number")]
    [InlineData("""{"dictionary":["a","b"]}""", "'dictionary' must be a string of comma-separated terms, not an array")]
    [InlineData("""{"model_overrides":"gpt-4o"}""", "'model_overrides' must be an object, not a string")]
    [InlineData("""{"model_overrides":{"tts":[]}}""", "'model_overrides.tts' must be an object, not an array")]
    [InlineData("""{"model_overrides":{"tts":{"voice":7}}}""", "'model_overrides.tts.voice' must be a string, not a number")]
    [InlineData("""{"model_overrides":{"stt":{"language":"e\nn"}}}""", "'model_overrides.stt.language' is not a plausible name")]
    [InlineData("""{"max_call_duration":600,"max_call_duration":60}""", "not valid JSON")]
    [InlineData("""[]""", "must be a JSON object")]
    [InlineData("""{"max_call_duration":""", "not valid JSON")]
    public void HostileValues_AreRefused_NamingTheKey(string json, string expected)
    {
        var parsed = AgentConfigurations.Parse(json);

        Assert.False(parsed.IsValid);
        Assert.Contains(parsed.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void EveryBadKey_IsReported_NotOnlyTheFirst()
    {
        var parsed = AgentConfigurations.Parse("""{"max_call_duration":-1,"recording":"x","model_overrides":{"llm":{"model":1}}}""");

        Assert.Equal(3, parsed.Errors.Count);
    }

    [Fact]
    public void OversizedConfigurations_AreRefused()
    {
        var json = $$"""{"padding":"{{new string('x', AgentConfigurations.MaxJsonBytes)}}"}""";

        var parsed = AgentConfigurations.Parse(json);

        Assert.Contains(parsed.Errors, e => e.Contains("larger than 64 KiB", StringComparison.Ordinal));
    }

    [Fact]
    public void MultiByteText_CountsTowardsTheSizeBoundInBytes()
    {
        var json = $$"""{"padding":"{{new string('é', AgentConfigurations.MaxJsonBytes / 2)}}"}""";

        Assert.False(AgentConfigurations.Parse(json).IsValid);
    }

    [Fact]
    public void TooManyDictionaryTerms_AreRefused()
    {
        var terms = string.Join(",", Enumerable.Range(0, AgentConfigurations.MaxDictionaryTerms + 1).Select(i => $"term{i}"));

        var parsed = AgentConfigurations.Parse($$"""{"dictionary":"{{terms}}"}""");

        Assert.Contains(parsed.Errors, e => e.Contains("'dictionary' has 101 terms", StringComparison.Ordinal));
    }

    [Fact]
    public void AnOverlongDictionaryTerm_IsRefused()
    {
        var parsed = AgentConfigurations.Parse($$"""{"dictionary":"ok, {{new string('x', AgentConfigurations.MaxDictionaryTermLength + 1)}}"}""");

        Assert.Contains(parsed.Errors, e => e.StartsWith("'dictionary' has a term", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(600, 3600, 600)]
    [InlineData(7200, 3600, 3600)]
    public void EffectiveMaxCallDuration_IsTheShorterOfAgentAndServer(int agentSeconds, int serverSeconds, int expectedSeconds)
    {
        var configurations = Valid($$"""{"max_call_duration":{{agentSeconds}}}""");

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), configurations.EffectiveMaxCallDuration(TimeSpan.FromSeconds(serverSeconds)));
    }

    [Fact]
    public void EffectiveMaxCallDuration_WithoutAnAgentLimit_IsTheServers()
    {
        Assert.Equal(TimeSpan.FromHours(1), AgentConfigurations.Empty.EffectiveMaxCallDuration(TimeSpan.FromHours(1)));
    }

    [Fact]
    public void EffectiveIdleTimeout_IsTheAgentsWhenSet_ElseTheServerDefault()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), Valid("""{"max_user_idle_timeout":30}""").EffectiveIdleTimeout(TimeSpan.FromSeconds(10)));
        Assert.Equal(TimeSpan.FromSeconds(10), AgentConfigurations.Empty.EffectiveIdleTimeout(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void ProviderKeys_AreRemovedWhereverTheyAre_AndEverythingElseIsKept()
    {
        const string json = """
            {"recording": true, "api_key": "sk-top", "model_overrides": {
              "llm": {"provider": "openai", "model": "gpt-4o", "api_key": "sk-llm-secret"},
              "tts": {"voice": "nova", "apiKey": "sk-tts-secret"},
              "stt": {"model": "nova-3", "API-KEY": "dg-secret", "password": "hunter2"}},
             "integrations": [{"name": "crm", "access_token": "tok-secret"}],
             "max_tokens": 300, "keyterm": "Acme"}
            """;

        var configurations = Valid(json);

        foreach (var secret in new[] { "sk-top", "sk-llm-secret", "sk-tts-secret", "dg-secret", "hunter2", "tok-secret" })
            Assert.DoesNotContain(secret, configurations.Json, StringComparison.Ordinal);
        Assert.Equal(new ModelOverrides("gpt-4o", "nova", null, "nova-3", null), configurations.ModelOverrides);
        Assert.True(configurations.Recording);
        foreach (var kept in new[] { "\"provider\":\"openai\"", "\"max_tokens\":300", "\"keyterm\":\"Acme\"", "\"name\":\"crm\"" })
            Assert.Contains(kept, configurations.Json, StringComparison.Ordinal);
        Assert.True(AgentConfigurations.Parse(configurations.Json).IsValid);
    }

    private static AgentConfigurations Valid(string? json)
    {
        var parsed = AgentConfigurations.Parse(json);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        return parsed.Configurations!;
    }
}
