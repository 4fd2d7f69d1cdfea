using CleanAgent.Application.Voice.Conversation;

namespace CleanAgent.UnitTests.Voice.Conversation;

public sealed class PromptTemplateTests
{
    private static readonly Dictionary<string, string> Values = new()
    {
        ["name"] = "Ann",
        ["empty"] = "",
        ["evil"] = "{{secret}}",
        ["secret"] = "hunter2",
    };

    [Theory]
    [InlineData("Hi {{name}}!", "Hi Ann!")]
    [InlineData("Hi {{ name }}!", "Hi Ann!")]
    [InlineData("Hi {{\tname\n}}!", "Hi Ann!")]
    [InlineData("{{name}}{{name}}", "AnnAnn")]
    [InlineData("No placeholders", "No placeholders")]
    public void KnownPlaceholders_AreFilled_WhitespaceInsideTheBracesIgnored(string template, string expected)
    {
        Assert.Equal(expected, PromptTemplate.Render(template, Values));
    }

    [Theory]
    [InlineData("Hi {{unknown}}!", "Hi !")]
    [InlineData("Hi {{Name}}!", "Hi !")]
    [InlineData("Hi {{empty}}!", "Hi !")]
    public void UnknownPlaceholders_AreLeftEmpty_NamesAreCaseSensitive(string template, string expected)
    {
        Assert.Equal(expected, PromptTemplate.Render(template, Values));
    }

    [Fact]
    public void AValue_IsNeverExpandedAgain()
    {
        Assert.Equal("Say {{secret}}", PromptTemplate.Render("Say {{evil}}", Values));
    }

    [Theory]
    [InlineData("Hi {{unknown | fallback:there}}!", "Hi there!")]
    [InlineData("Hi {{empty|fallback: there }}!", "Hi there!")]
    [InlineData("Hi {{name | fallback:there}}!", "Hi Ann!")]
    [InlineData("Hi {{unknown | fallback}}!", "Hi !")]
    [InlineData("Hi {{name | upper}}!", "Hi Ann!")]
    public void FallbackFilter_GivesItsTextWhenTheValueIsUnknownOrEmpty(string template, string expected)
    {
        Assert.Equal(expected, PromptTemplate.Render(template, Values));
    }

    [Theory]
    [InlineData("{{}}")]
    [InlineData("{{ }}")]
    [InlineData("{{two words}}")]
    [InlineData("{{name")]
    [InlineData("name}}")]
    [InlineData("{ {name} }")]
    public void TextThatIsNoPlaceholder_StaysAsWritten(string template)
    {
        Assert.Equal(template, PromptTemplate.Render(template, Values));
    }

    [Theory]
    [InlineData("{{{name}}}", "{Ann}")]
    [InlineData("{{ {{name}}", "{{ Ann")]
    [InlineData("JSON: {\"a\": {{name}}}", "JSON: {\"a\": Ann}")]
    public void StrayBraces_AroundAPlaceholder_AreKeptAsText(string template, string expected)
    {
        Assert.Equal(expected, PromptTemplate.Render(template, Values));
    }
}
