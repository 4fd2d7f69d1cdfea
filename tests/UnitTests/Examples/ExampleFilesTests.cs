using System.Xml.Linq;
using CleanAgent.Domain.Agents;
using CleanAgent.Domain.Agents.Definitions;

namespace CleanAgent.UnitTests.Examples;

/// <summary>
/// The files in examples/ are what a new user copies first: the graph and configurations validate as create-agent
/// validates them, the CXML and TwiML are well-formed and point at the Agent Stream routes, and the folder's README
/// lists every file.
/// </summary>
public sealed class ExampleFilesTests
{
    private static readonly string Folder = Path.Combine(RepositoryRoot(), "examples");

    [Fact]
    public void TheReceptionistGraph_Validates_AndIsTheOneInTheDocs()
    {
        var parsed = AgentDefinition.Parse(File.ReadAllText(Path.Combine(Folder, "receptionist.json")));

        Assert.Empty(parsed.Errors);
        Assert.Equal(["start", "billing", "end", "global"], parsed.Definition!.Nodes.Select(n => n.Id));
    }

    [Fact]
    public void TheReceptionistConfigurations_Validate()
    {
        var parsed = AgentConfigurations.Parse(File.ReadAllText(Path.Combine(Folder, "receptionist.configurations.json")));

        Assert.Empty(parsed.Errors);
        Assert.NotNull(parsed.Configurations);
    }

    [Fact]
    public void TheCloudonixCxml_StreamsToTheAgentStreamRoute_WithEveryRequiredParameter()
    {
        var url = StreamUrl("cloudonix-stream.cxml");

        Assert.Equal("wss", url.Scheme);
        Assert.Equal("/api/v1/agent-stream/AGENT_UUID", url.AbsolutePath);
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        foreach (var name in new[] { "api_key", "provider", "session", "AccountSid", "CallSid" }) Assert.False(string.IsNullOrEmpty(query[name]), name);
        Assert.Equal("cloudonix", query["provider"]);
    }

    [Fact]
    public void TheTwilioTwiml_StreamsToTheTwilioRoute_WithTheKeyAsAParameter()
    {
        var document = XDocument.Load(Path.Combine(Folder, "twilio-stream.twiml"));
        var stream = document.Descendants("Stream").Single();

        Assert.Equal("/api/v1/agent-stream/twilio/AGENT_UUID", new Uri(stream.Attribute("url")!.Value).AbsolutePath);
        Assert.Empty(new Uri(stream.Attribute("url")!.Value).Query); // Twilio takes no query string
        Assert.Contains(stream.Elements("Parameter"), p => (string?)p.Attribute("name") == "api_key");
    }

    [Fact]
    public void TheFoldersReadme_ListsEveryFile()
    {
        var readme = File.ReadAllText(Path.Combine(Folder, "README.md"));

        foreach (var file in Directory.GetFiles(Folder).Select(Path.GetFileName).Where(f => f != "README.md"))
            Assert.Contains($"[{file}]({file})", readme, StringComparison.Ordinal);
    }

    private static Uri StreamUrl(string file) =>
        new(XDocument.Load(Path.Combine(Folder, file)).Descendants("Stream").Single().Attribute("url")!.Value);

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "CleanAgent.sln"))) return folder.FullName;
        throw new InvalidOperationException("CleanAgent.sln not found above " + AppContext.BaseDirectory);
    }
}
