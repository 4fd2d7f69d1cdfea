using CleanAgent.Application.Calls;
using CleanAgent.Application.Runs;
using CleanAgent.CallSimulator;
using CleanAgent.CallSimulator.FakeProviders;
using CleanAgent.Domain.Agents;
using CleanAgent.IntegrationTests.Support;

namespace CleanAgent.IntegrationTests.Voice;

/// <summary>
/// A host whose <c>voice</c> calls get the real voice agent, every stage pointed at <see cref="FakeOpenAiApi"/> (a real
/// HTTP server speaking OpenAI's chat-completions, transcription and speech protocols), on real time, with the fake
/// Cloudonix and Twilio APIs of <see cref="MediaHostFixture"/>. The fake is reset by each test.
/// </summary>
public class VoiceCallFixture : MediaHostFixture
{
    /// <summary>A receptionist that routes billing questions and hangs up: every semantic a call exercises.</summary>
    public const string Graph = """
        {
          "nodes": [
            {"id": "start", "type": "startCall", "position": {"x": 0, "y": 0},
             "data": {"name": "Greeting", "prompt": "You are Acme's receptionist. The caller's number is {{caller_number}}.",
                      "greeting": "Hi, this is Acme.", "allow_interrupt": true}},
            {"id": "billing", "type": "agentNode", "position": {"x": 300, "y": 0},
             "data": {"name": "Billing", "prompt": "Help with the invoice question. Be brief.", "allow_interrupt": true,
                      "extraction_enabled": true,
                      "extraction_variables": [{"name": "invoice_number", "type": "string", "prompt": "The invoice the caller asks about"}]}},
            {"id": "end", "type": "endCall", "position": {"x": 600, "y": 0},
             "data": {"name": "Goodbye", "prompt": "Thank the caller and say goodbye."}},
            {"id": "global", "type": "globalNode", "position": {"x": 0, "y": 200},
             "data": {"name": "Persona", "prompt": "Speak in short sentences."}}
          ],
          "edges": [
            {"id": "e1", "source": "start", "target": "billing",
             "data": {"label": "Billing question", "condition": "The caller asks about an invoice"}},
            {"id": "e2", "source": "billing", "target": "end",
             "data": {"label": "Done", "condition": "The question is answered", "transition_speech": "Glad I could help."}}
          ]
        }
        """;

    /// <summary>Keys the stages send (an on-prem address needs none, but a keyed one must carry them and never log them).</summary>
    public const string LlmKey = "sk-llm-voice-tests-0123456789";
    public const string SttKey = "sk-stt-voice-tests-0123456789";
    public const string TtsKey = "sk-tts-voice-tests-0123456789";

    private FakeOpenAiApi? _openAi;

    /// <summary>Where this host writes call recordings.</summary>
    public string RecordingFolder { get; } = Path.Combine(Path.GetTempPath(), "cleanagent-recordings-" + Guid.NewGuid().ToString("N"));

    public FakeOpenAiApi OpenAi => _openAi!;

    protected override bool RealVoiceAgents => true;

    protected virtual IReadOnlyDictionary<string, string> VoiceSettings => new Dictionary<string, string>
    {
        ["Voice:Llm:BaseUrl"] = OpenAi.BaseUrl.ToString(),
        ["Voice:Stt:BaseUrl"] = OpenAi.BaseUrl.ToString(),
        ["Voice:Tts:BaseUrl"] = OpenAi.BaseUrl.ToString(),
        ["Voice:Llm:ApiKey"] = LlmKey,
        ["Voice:Stt:ApiKey"] = SttKey,
        ["Voice:Tts:ApiKey"] = TtsKey,
        ["Voice:ProviderTimeout"] = "00:00:01.5",
        ["Voice:Turn:IdleTimeout"] = "00:00:30",
        ["Voice:Recording:Folder"] = RecordingFolder,
    };

    protected override IReadOnlyDictionary<string, string> MoreSettings => VoiceSettings;

    protected override async ValueTask StartDependenciesAsync()
    {
        _openAi = await FakeOpenAiApi.StartAsync();
        await base.StartDependenciesAsync();
    }

    protected override async ValueTask StopDependenciesAsync()
    {
        await base.StopDependenciesAsync();
        if (_openAi is not null) await _openAi.DisposeAsync();
        if (Directory.Exists(RecordingFolder)) Directory.Delete(RecordingFolder, recursive: true);
    }

    /// <summary>An organization with a voice agent on <paramref name="graph"/>.</summary>
    public Task<Tenant> VoiceTenantAsync(string graph = Graph, string? configurations = null) =>
        Host.CreateTenantAsync(kind: AgentKind.Voice, definitionJson: graph, configurationsJson: configurations);

    /// <summary>The run of the tenant's last call, whole, once it has ended (as <c>admin get-run</c> prints it).</summary>
    public async Task<RunDetails> EndedRunDetailsAsync(Tenant tenant)
    {
        var run = await EndedRunAsync(tenant);
        var details = await Host.Send(new GetRun(run.Id.ToString()));
        Assert.True(details.IsSuccess, details.Error?.Message);
        return details.Value;
    }

    /// <summary>Caller audio: <paramref name="before"/> of silence, speech-like sound for <paramref name="speech"/>, then <paramref name="after"/> of silence.</summary>
    public static IReadOnlyList<byte[]> Says(TimeSpan before, TimeSpan speech, TimeSpan after, int seed = 3) =>
        [.. Silence(before), .. MuLawFrames.FromPcm(SpeechLikeSignal.Generate(TelephonyAudio.SampleRate, speech, seed: seed)), .. Silence(after)];

    public static IReadOnlyList<byte[]> Silence(TimeSpan duration) => MuLawFrames.Silence((int)(duration / MuLawFrames.FrameDuration));
}
