using CleanAgent.Application.Calls;
using CleanAgent.Infrastructure.Agents.Voice;

namespace CleanAgent.UnitTests.Voice.Agent;

/// <summary>The mixed recording: agent audio placed where it plays, cut where a clear dropped it, the caller summed in.</summary>
public sealed class CallRecorderTests : IDisposable
{
    private const int Rate = TelephonyAudio.SampleRate;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "recorder-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private static short[] Constant(short value, double seconds) => Enumerable.Repeat(value, (int)(seconds * Rate)).ToArray();

    private static short[] ReadWav(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        var samples = new short[(bytes.Length - 44) / 2];
        Buffer.BlockCopy(bytes, 44, samples, 0, samples.Length * 2);
        return samples;
    }

    [Fact]
    public async Task AgentAudio_PlaysAfterWhatIsQueued_AClearCutsTheUnplayed_AndTheCallerIsMixedIn()
    {
        var path = Path.Combine(_folder, "WR-AGS-1.wav");
        await using (var recorder = CallRecorder.Start(path))
        {
            recorder.AddAgent(Constant(1000, 1), TimeSpan.Zero);                     // plays 0–1 s
            recorder.AddAgent(Constant(2000, 1), TimeSpan.FromSeconds(0.1));          // queued behind it: 1–2 s
            recorder.Clear(TimeSpan.FromSeconds(1.5));                                // the caller cut in at 1.5 s
            recorder.AddAgent(Constant(3000, 0.5), TimeSpan.FromSeconds(2.5));        // the next reply: 2.5–3 s
            recorder.AddCaller(Constant(10, 3));                                      // the caller's line, 0–3 s
            Assert.Equal(path, await recorder.FinishAsync());
        }

        var samples = ReadWav(path);
        Assert.Equal(3 * Rate, samples.Length);
        Assert.Equal(1010, samples[(int)(0.5 * Rate)]);
        Assert.Equal(2010, samples[(int)(1.2 * Rate)]);
        Assert.Equal(10, samples[(int)(1.7 * Rate)]);   // cleared: never played
        Assert.Equal(10, samples[(int)(2.2 * Rate)]);   // the gap before the next reply
        Assert.Equal(3010, samples[(int)(2.7 * Rate)]);
        Assert.Empty(Directory.GetFiles(_folder, "*.part"));
    }
}
