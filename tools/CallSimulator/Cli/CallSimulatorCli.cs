using System.CommandLine;

namespace CleanAgent.CallSimulator.Cli;

/// <summary>
/// <c>call …</c> places one or many simulated Cloudonix (or Twilio) calls and prints what they saw; <c>fake-cloudonix …</c>
/// and <c>fake-twilio …</c> run the fake REST APIs. Usage errors and failures go to stderr with a non-zero exit code.
/// </summary>
internal static class CallSimulatorCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var output = stdout ?? Console.Out;
        var errors = stderr ?? Console.Error;
        var root = new RootCommand("Places calls against a running CleanAgent exactly as Cloudonix or Twilio would: demos, load runs, checks.")
        {
            CallCommand(),
            FakeCloudonixCommand(),
            FakeTwilioCommand(),
            FakeOpenAiCommand(),
        };

        var parsed = root.Parse(args);
        var invocation = new InvocationConfiguration { Output = parsed.Errors.Count > 0 ? errors : output, Error = errors };
        try
        {
            return await parsed.InvokeAsync(invocation);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await errors.WriteLineAsync($"error: {ex.GetBaseException().Message}");
            return 1;
        }

        Command CallCommand()
        {
            var url = new Option<string>("--url") { Required = true, Description = "CleanAgent base address, e.g. ws://127.0.0.1:5000" };
            var agent = new Option<string>("--agent") { Required = true, Description = "Agent UUID" };
            var apiKey = new Option<string>("--api-key") { Required = true, Description = "CleanAgent API key (dg_…)" };
            var provider = new Option<string>("--provider") { Description = "cloudonix (everything in the URL) or twilio (no query string; key and numbers in start.customParameters)", DefaultValueFactory = _ => "cloudonix" };
            provider.AcceptOnlyFromAmong("cloudonix", "twilio");
            var session = new Option<string?>("--session") { Description = "Cloudonix bearer token sent as session (default: random)" };
            var accountSid = new Option<string?>("--account-sid") { Description = "Cloudonix domain sent as AccountSid (default simulator), or the Twilio account SID (default a random AC…)" };
            var twilioAuthToken = new Option<string?>("--twilio-auth-token") { Description = "Twilio: sign the upgrade (X-Twilio-Signature) with this auth token, as Twilio does" };
            var from = new Option<string?>("--from") { Description = "Caller number" };
            var to = new Option<string?>("--to") { Description = "Called number" };
            var wav = new Option<FileInfo?>("--wav") { Description = "What the caller says: a PCM16 mono 8 kHz WAV file" };
            var tone = new Option<double?>("--tone") { Description = "What the caller says: a sine of this many Hz (default 440 when no --wav)" };
            var seconds = new Option<double?>("--seconds") { Description = "Seconds of audio to send (default 10 for a tone, the whole file for --wav; a shorter file is looped)" };
            var sayWav = new Option<FileInfo?>("--say-wav") { Description = "Talk to a voice agent: after --say-after seconds (the greeting), say this PCM16 mono 8 kHz WAV, then stay silent --hold-seconds (no frames count as lost)" };
            var sayAfter = new Option<double>("--say-after") { Description = "With --say-wav: seconds of silence before speaking (let the greeting play)", DefaultValueFactory = _ => 3 };
            var voice = new Option<bool>("--voice") { Description = "The agent is a voice agent, not the echo agent: no frames count as lost" };
            var dtmf = new Option<string?>("--dtmf") { Description = "DTMF digits as digit@seconds, comma-separated, e.g. \"1@2,#@5\"" };
            var saveReceived = new Option<string?>("--save-received") { Description = "Save received audio as a WAV (with --calls N > 1: one file per call, numbered)" };
            var calls = new Option<int>("--calls") { Description = "Concurrent calls", DefaultValueFactory = _ => 1 };
            var ramp = new Option<double>("--ramp-seconds") { Description = "Spread the call starts over this many seconds" };
            var hold = new Option<double>("--hold-seconds") { Description = "Keep listening this long after the audio before hanging up", DefaultValueFactory = _ => 1.5 };
            var noStop = new Option<bool>("--no-stop") { Description = "Do not hang up: wait for the agent to end the call (bounded by --max-seconds)" };
            var maxSeconds = new Option<double>("--max-seconds") { Description = "Upper bound of each call", DefaultValueFactory = _ => 300 };
            var providerInPath = new Option<bool>("--provider-in-path") { Description = "Use /api/v1/agent-stream/cloudonix/{agent} instead of ?provider=cloudonix" };
            var json = new Option<bool>("--json") { Description = "Print the load report as JSON on stdout (durations in milliseconds) and nothing else there" };
            var fakePort = new Option<int?>("--fake-cloudonix-port") { Description = "Also run the fake Cloudonix API on this port for the run and print its hang-ups" };
            var fakeTwilioPort = new Option<int?>("--fake-twilio-port") { Description = "Also run the fake Twilio API on this port for the run (accepting --account-sid and --twilio-auth-token) and print its hang-ups" };

            var command = new Command("call", "Place one or more calls and report connect-to-admitted, first audio, frame pacing, losses and close codes")
            {
                url, agent, apiKey, provider, session, accountSid, twilioAuthToken, from, to, wav, tone, seconds, sayWav, sayAfter, voice, dtmf, saveReceived,
                calls, ramp, hold, noStop, maxSeconds, providerInPath, json, fakePort, fakeTwilioPort,
            };
            command.Validators.Add(result =>
            {
                if (result.GetValue(sayWav) is not null && (result.GetValue(wav) is not null || result.GetValue(tone) is not null))
                    result.AddError("--say-wav replaces --wav and --tone: give one of them.");
                if (result.GetValue(sayAfter) < 0) result.AddError("--say-after must not be negative.");
                if (result.GetValue(wav) is not null && result.GetValue(tone) is not null)
                    result.AddError("Give either --wav or --tone, not both.");
                if (!Uri.TryCreate(result.GetValue(url), UriKind.Absolute, out var address)
                    || address.Scheme is not ("ws" or "wss" or "http" or "https"))
                    result.AddError("--url must be an absolute ws://, wss://, http:// or https:// address.");
                if (result.GetValue(provider) != "twilio" && (result.GetValue(twilioAuthToken) is not null || result.GetValue(fakeTwilioPort) is not null))
                    result.AddError("--twilio-auth-token and --fake-twilio-port go with --provider twilio.");
                if (result.GetValue(fakeTwilioPort) is not null && (result.GetValue(twilioAuthToken) is null || result.GetValue(accountSid) is null))
                    result.AddError("--fake-twilio-port needs --account-sid and --twilio-auth-token: the credentials the fake accepts.");
            });

            command.SetAction(async (parse, cancellationToken) =>
            {
                if (parse.GetValue(calls) < 1 || parse.GetValue(seconds) is < 0 || parse.GetValue(ramp) < 0 || parse.GetValue(hold) < 0 || parse.GetValue(maxSeconds) <= 0)
                {
                    await errors.WriteLineAsync("error: --calls must be at least 1, --max-seconds positive, and --seconds, --ramp-seconds, --hold-seconds not negative.");
                    return 2;
                }

                var jsonOutput = parse.GetValue(json);
                var human = jsonOutput ? errors : output;
                var saying = parse.GetValue(sayWav);
                var frames = saying is null
                    ? Audio(parse.GetValue(wav), parse.GetValue(tone), parse.GetValue(seconds))
                    : Conversation(saying, TimeSpan.FromSeconds(parse.GetValue(sayAfter)), TimeSpan.FromSeconds(parse.GetValue(hold)));
                var callCount = parse.GetValue(calls);
                var savePath = parse.GetValue(saveReceived);
                var template = new SimulatedCallOptions
                {
                    ServerBaseAddress = new Uri(parse.GetValue(url)!),
                    AgentUuid = parse.GetValue(agent)!,
                    ApiKey = parse.GetValue(apiKey)!,
                    Provider = parse.GetValue(provider) == "twilio" ? SimulatedProvider.Twilio : SimulatedProvider.Cloudonix,
                    TwilioAuthToken = parse.GetValue(twilioAuthToken),
                    From = parse.GetValue(from),
                    To = parse.GetValue(to),
                    ProviderInPath = parse.GetValue(providerInPath),
                    OutboundFrames = frames,
                    Dtmf = DtmfScript.Parse(parse.GetValue(dtmf)),
                    // A conversation's hold is silence sent (the agent's endpointing runs on the caller's audio).
                    HoldAfterAudio = saying is null ? TimeSpan.FromSeconds(parse.GetValue(hold)) : TimeSpan.FromMilliseconds(200),
                    ExpectEcho = saying is null && !parse.GetValue(voice),
                    SendStop = !parse.GetValue(noStop),
                    MaxCallDuration = TimeSpan.FromSeconds(parse.GetValue(maxSeconds)),
                    KeepReceivedAudio = savePath is not null,
                };
                if (parse.GetValue(session) is { } token) template = template with { Session = token };
                if (parse.GetValue(accountSid) is { } account) template = template with { AccountSid = account };

                await using var fake = parse.GetValue(fakePort) is { } port ? await FakeCloudonixApi.StartAsync(port) : null;
                if (fake is not null)
                    await human.WriteLineAsync($"fake Cloudonix API on {fake.BaseAddress} (point CleanAgent's Cloudonix API base URL at it)");
                await using var fakeTwilio = parse.GetValue(fakeTwilioPort) is { } twilioPort ? await FakeTwilioApi.StartAsync(twilioPort) : null;
                if (fakeTwilio is not null)
                {
                    fakeTwilio.AllowAccount(template.AccountSid, template.TwilioAuthToken!);
                    await human.WriteLineAsync($"fake Twilio API on {fakeTwilio.BaseAddress} (point CleanAgent's Twilio:ApiBaseUrl at it)");
                }

                var progressStep = Math.Max(1, callCount / 10);
                var finished = 0;
                var report = await CallLoad.RunAsync(new LoadOptions
                {
                    Call = template,
                    Calls = callCount,
                    RampUp = TimeSpan.FromSeconds(parse.GetValue(ramp)),
                    CallCompleted = (index, result) =>
                    {
                        finished++;
                        if (callCount <= 10) human.WriteLine(ReportPrinter.CallLine(index, result));
                        else if (finished % progressStep == 0) errors.WriteLine($"{finished}/{callCount} calls finished");
                    },
                }, cancellationToken);

                if (savePath is not null) SaveReceived(report, savePath, human);
                if (jsonOutput) await output.WriteLineAsync(ReportPrinter.ToJson(report));
                else ReportPrinter.Print(report, output);

                if (fake is not null)
                {
                    var hangups = fake.Hangups;
                    await human.WriteLineAsync($"fake Cloudonix API recorded {hangups.Count} hang-up request(s)");
                    foreach (var hangup in hangups) await human.WriteLineAsync($"  {hangup}");
                }

                if (fakeTwilio is not null)
                {
                    var hangups = fakeTwilio.Hangups;
                    await human.WriteLineAsync($"fake Twilio API recorded {hangups.Count} hang-up request(s)");
                    foreach (var hangup in hangups) await human.WriteLineAsync($"  {hangup}");
                }

                return report.CallsFailed == 0 ? 0 : 1;
            });
            return command;
        }

        Command FakeCloudonixCommand()
        {
            var port = new Option<int>("--port") { Description = "Port on 127.0.0.1", DefaultValueFactory = _ => 5099 };
            var command = new Command("fake-cloudonix", "Run the fake Cloudonix REST API until Ctrl+C, printing each hang-up it records") { port };
            command.SetAction(async (parse, cancellationToken) =>
            {
                await using var fake = await FakeCloudonixApi.StartAsync(parse.GetValue(port));
                // Printed from Kestrel's threads: TextWriter.Synchronized keeps concurrent lines whole.
                var lines = TextWriter.Synchronized(output);
                fake.HangupRecorded += (_, hangup) => lines.WriteLine(hangup.ToString());
                await lines.WriteLineAsync($"fake Cloudonix API listening on {fake.BaseAddress} — DELETE /customers/self/domains/{{domain}}/sessions/{{callSid}}; Ctrl+C to stop");
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                }

                await lines.WriteLineAsync($"stopped after {fake.Hangups.Count} hang-up request(s)");
                return 0;
            });
            return command;
        }

        Command FakeOpenAiCommand()
        {
            var port = new Option<int>("--port") { Description = "Port on 127.0.0.1", DefaultValueFactory = _ => 5097 };
            var transcript = new Option<string>("--transcript") { Description = "What every transcription returns", DefaultValueFactory = _ => "Hello." };
            var reply = new Option<string>("--reply") { Description = "What every chat completion streams back", DefaultValueFactory = _ => "Okay." };
            var delay = new Option<double>("--response-delay-ms") { Description = "Latency before every answer's first byte (0: instant)" };
            var command = new Command("fake-openai", "Run the fake OpenAI API (streamed chat completions, transcriptions, PCM speech) for voice agents until Ctrl+C") { port, transcript, reply, delay };
            command.SetAction(async (parse, cancellationToken) =>
            {
                await using var fake = await FakeProviders.FakeOpenAiApi.StartAsync(parse.GetValue(port));
                fake.DefaultTranscription = parse.GetValue(transcript)!;
                fake.DefaultChatReply = FakeProviders.FakeChatReply.Text(parse.GetValue(reply)!);
                fake.ResponseDelay = TimeSpan.FromMilliseconds(parse.GetValue(delay));
                await output.WriteLineAsync($"fake OpenAI API listening on {fake.BaseUrl} (set Voice:Llm:BaseUrl, Voice:Stt:BaseUrl and Voice:Tts:BaseUrl to it); Ctrl+C to stop");
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                }

                await output.WriteLineAsync($"stopped after {fake.ChatRequests.Count} chat, {fake.Transcriptions.Count} transcription and {fake.SpeechRequests.Count} speech request(s)");
                return 0;
            });
            return command;
        }

        Command FakeTwilioCommand()
        {
            var port = new Option<int>("--port") { Description = "Port on 127.0.0.1", DefaultValueFactory = _ => 5098 };
            var accountSid = new Option<string>("--account-sid") { Required = true, Description = "The account SID that HTTP Basic must carry (as stored with admin set-telephony)" };
            var authToken = new Option<string>("--auth-token") { Required = true, Description = "The auth token that HTTP Basic must carry; never printed" };
            var command = new Command("fake-twilio", "Run the fake Twilio REST API until Ctrl+C, printing each hang-up it records") { port, accountSid, authToken };
            command.SetAction(async (parse, cancellationToken) =>
            {
                await using var fake = await FakeTwilioApi.StartAsync(parse.GetValue(port));
                fake.AllowAccount(parse.GetValue(accountSid)!, parse.GetValue(authToken)!);
                // Printed from Kestrel's threads: TextWriter.Synchronized keeps concurrent lines whole.
                var lines = TextWriter.Synchronized(output);
                fake.HangupRecorded += (_, hangup) => lines.WriteLine(hangup.ToString());
                await lines.WriteLineAsync($"fake Twilio API listening on {fake.BaseAddress} — POST /2010-04-01/Accounts/{{AccountSid}}/Calls/{{CallSid}}.json; Ctrl+C to stop");
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                }

                await lines.WriteLineAsync($"stopped after {fake.Hangups.Count} hang-up request(s)");
                return 0;
            });
            return command;
        }
    }

    private static IReadOnlyList<byte[]> Audio(FileInfo? wav, double? toneHz, double? seconds)
    {
        if (wav is null)
            return ToneGenerator.SineFrames(toneHz ?? 440, 8000, TimeSpan.FromSeconds(seconds ?? 10));

        if (!wav.Exists) throw new FileNotFoundException($"WAV file '{wav.FullName}' does not exist.");
        var samples = WavFile.ReadSamples(wav.FullName);
        if (seconds is not { } wanted) return MuLawFrames.FromPcm(samples);
        if (samples.Length == 0) throw new InvalidDataException($"{wav.Name} holds no audio.");

        // Loop a short file (or cut a long one) to the requested length: a benchmark wants a fixed duration.
        var looped = new short[(int)(wanted * ToneGenerator.SampleRate)];
        for (var i = 0; i < looped.Length; i++) looped[i] = samples[i % samples.Length];
        return MuLawFrames.FromPcm(looped);
    }

    /// <summary>What a caller says to a voice agent: silence while the greeting plays, the WAV's speech, then silence while the agent answers.</summary>
    private static IReadOnlyList<byte[]> Conversation(FileInfo wav, TimeSpan before, TimeSpan after)
    {
        if (!wav.Exists) throw new FileNotFoundException($"WAV file '{wav.FullName}' does not exist.");
        var speech = WavFile.ReadSamples(wav.FullName);
        if (speech.Length == 0) throw new InvalidDataException($"{wav.Name} holds no audio.");
        return [.. MuLawFrames.Silence((int)(before / MuLawFrames.FrameDuration)), .. MuLawFrames.FromPcm(speech), .. MuLawFrames.Silence((int)(after / MuLawFrames.FrameDuration))];
    }

    private static void SaveReceived(LoadReport report, string path, TextWriter human)
    {
        for (var i = 0; i < report.Results.Count; i++)
        {
            var file = report.Results.Count == 1
                ? path
                : Path.Combine(Path.GetDirectoryName(path) ?? "", $"{Path.GetFileNameWithoutExtension(path)}-{i + 1}{Path.GetExtension(path)}");
            report.Results[i].SaveReceivedAudio(file);
            human.WriteLine($"saved {report.Results[i].ReceivedFrameCount} received frames of call #{i + 1} to {file}");
        }
    }
}
