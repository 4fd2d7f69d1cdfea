using System.Threading.Channels;
using CleanAgent.Application.Calls;
using CleanAgent.Application.Runs.Journal;
using CleanAgent.Application.Voice;
using CleanAgent.Application.Voice.Conversation;
using CleanAgent.Domain.Runs;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace CleanAgent.Infrastructure.Agents.Voice;

/// <summary>
/// A <c>voice</c> agent on a live call (voice-pipeline.md): it listens (VAD + speech-to-text), thinks (the LLM on the
/// current node of the conversation graph) and speaks (text-to-speech, sentence by sentence), can be interrupted, and
/// ends the call. This half is the listening side: one loop reads the call's events — every caller frame goes to the
/// detector and the transcription session, marks to the turn that placed them, digits become turns — and decides
/// turns and barge-ins on the frame where they happen. The other half (<c>VoiceAgent.Turns.cs</c>) takes the turns.
/// </summary>
/// <remarks>
/// Turns run one at a time, each on its own task chained after the one before, so the conversation engine (not
/// thread-safe) is only ever touched by one turn. A barge-in cuts the turn speaking now: the queued audio is cleared
/// on the spot (within the frame that decided it), what the caller heard is kept, and the turn's task is cancelled.
/// </remarks>
internal sealed partial class VoiceAgent(CallAgentContext context, VoiceAgentServices services) : ICallAgent
{
    /// <summary>
    /// How long before the call's limit the agent starts its goodbye: the fixed line takes about six seconds to say. The
    /// session still ends the call at the limit itself, mid-word if it must.
    /// </summary>
    public static readonly TimeSpan MaxDurationGoodbyeLead = TimeSpan.FromSeconds(8);

    /// <summary>How long past its queued audio a turn waits for its last mark's echo before it counts as heard anyway.</summary>
    public static readonly TimeSpan PlaybackGrace = TimeSpan.FromSeconds(2);

    private readonly ILogger _logger = services.Loggers.CreateLogger<VoiceAgent>();
    private readonly TimeProvider _time = services.Time;
    private readonly Lock _gate = new();
    private readonly VoiceCallSettings _settings = VoiceCallSettings.For(services.Defaults, context.Configurations, context.Providers);
    private long _callStart;
    private CancellationToken _callToken;
    private ICallSession _call = null!;
    private IRunJournal _journal = null!;
    private ConversationEngine _engine = null!;
    private IChatClient _chat = null!;
    private AgentSpeaker _speaker = null!;
    private CallerListener _listener = null!;
    private IdleWatch _idle = null!;
    private volatile ISpeechToTextSession? _stt;
    private CallRecorder? _recorder;
    private VoiceTurn? _lastTurn;
    private VoiceTurn? _speaking;
    private bool _ended;
    private bool _speechOverAgent;

    private TimeSpan Now => _time.GetElapsedTime(_callStart);

    public async Task RunAsync(ICallSession call, CancellationToken cancellationToken)
    {
        _call = call;
        _callStart = _time.GetTimestamp();
        _callToken = cancellationToken;
        await using var journal = services.Journals.Open(context.RunId, context.RunName);
        _journal = journal;

        var graph = ConversationGraph.Load(context.DefinitionJson, context.Configurations.Json);
        if (!graph.IsSuccess)
        {
            LogBadGraph(_logger, context.RunName, graph.Error!.Message);
            End(RunEndReason.ServerError);
            await DrainAsync(call.Events);
            return;
        }

        _recorder = StartRecording();
        _speaker = new AgentSpeaker(call, services.TextToSpeech, _settings.Providers.TextToSpeech, journal, () => Now, _recorder);
        using var chat = services.ChatClients.Create(_settings.Providers.Llm);
        _chat = chat;
        _engine = new ConversationEngine(graph.Value, context.Context);
        _listener = new CallerListener(services.Detectors.Create(), _settings.Turn);
        using var idle = new IdleWatch(_time, _settings.IdleTimeout, stage => StartTurn(new VoiceTurnRequest(VoiceTurnKind.Idle, Idle: stage)));
        _idle = idle;
        using var maxDuration = ScheduleMaxDurationGoodbye();
        try
        {
            _stt = await OpenSpeechToTextAsync(cancellationToken);
            if (_stt is null)
            {
                _ = await _speaker.TrySayLineAsync(AgentLines.ProviderErrorApology, cancellationToken);
                End(RunEndReason.ProviderError);
                await DrainAsync(call.Events);
                return;
            }

            _journal.RecordNodeEntered(new NodeVisit(_engine.CurrentNode.Id, _engine.CurrentNode.Name, Now));
            StartTurn(new VoiceTurnRequest(VoiceTurnKind.Opening));
            await ListenAsync(call.Events);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The call ended around the agent.
        }
        finally
        {
            await FinishAsync();
        }
    }

    /// <summary>
    /// The call's events until the session completes the channel (the caller hung up, or the call ended). The wait
    /// takes no token on purpose: an uncancellable wait reuses the channel's one waiter, where a cancellable one
    /// allocates on every frame.
    /// </summary>
    private async Task ListenAsync(ChannelReader<CallEvent> events)
    {
        while (await events.WaitToReadAsync(CancellationToken.None))
        {
            while (events.TryRead(out var callEvent))
            {
                switch (callEvent.Kind)
                {
                    case CallEventKind.CallerAudio:
                        using (var audio = callEvent.Audio!) Hear(audio.Samples);
                        break;
                    case CallEventKind.Dtmf:
                        _idle.CallerSpoke();
                        StartTurn(new VoiceTurnRequest(VoiceTurnKind.Dtmf, EndedAt: Now, Digit: callEvent.Digit));
                        break;
                    case CallEventKind.MarkPlayed:
                        OnMarkPlayed(callEvent.MarkName!);
                        break;
                }
            }
        }
    }

    private static async Task DrainAsync(ChannelReader<CallEvent> events)
    {
        while (await events.WaitToReadAsync(CancellationToken.None))
            while (events.TryRead(out var callEvent)) callEvent.Audio?.Dispose();
    }

    private void Hear(ReadOnlySpan<short> pcm)
    {
        var stt = _stt;
        stt?.SendAudio(pcm);
        _recorder?.AddCaller(pcm);
        OnCallerSpeech(_listener.Hear(pcm));
        if (stt is null) return;
        while (stt.Events.TryRead(out var report))
            if (report.Kind == SpeechToTextEventKind.EndOfSpeech) OnCallerSpeech(_listener.EndOfSpeechHinted());
    }

    private void OnCallerSpeech(CallerSpeech heard)
    {
        switch (heard.Kind)
        {
            case CallerSpeechKind.SpeechStarted:
                _idle.CallerSpoke();
                _speechOverAgent = AgentIsTalking();
                break;
            case CallerSpeechKind.LongSpeech:
                TryBargeIn();
                break;
            case CallerSpeechKind.TurnEnded when !heard.HadLongSpeech && _speechOverAgent:
                // A cough or an "uh-huh" over the agent: not a turn.
                LogIgnoredBurst(_logger, context.RunName);
                ArmIdleIfQuiet();
                break;
            case CallerSpeechKind.TurnEnded:
                StartTurn(new VoiceTurnRequest(VoiceTurnKind.CallerUtterance, heard, Now));
                break;
        }
    }

    private bool AgentIsTalking()
    {
        lock (_gate) return _speaking is { Talking: true };
    }

    /// <summary>The caller has spoken over the agent for the minimum interruption: stop talking at once.</summary>
    private void TryBargeIn()
    {
        VoiceTurn turn;
        lock (_gate)
        {
            if (_speaking is not { Talking: true, Interruptible: true, Interrupted: false } speaking) return;
            turn = speaking;
            turn.Cut(Now);
        }

        _call.ClearAudio();
        _recorder?.Clear(Now);
        _ = turn.Cancellation.CancelAsync();
        LogBargeIn(_logger, context.RunName, turn.Heard.Length, turn.Unheard.Length);
    }

    /// <summary>A timer for the goodbye before the call's limit (the agent's <c>max_call_duration</c> or <c>Media:MaxCallDuration</c>); none for a limit too short to say it in.</summary>
    private ITimer? ScheduleMaxDurationGoodbye()
    {
        var limit = context.Configurations.EffectiveMaxCallDuration(services.Media.Value.MaxCallDuration);
        if (limit < MaxDurationGoodbyeLead * 2) return null;
        return _time.CreateTimer(_ => SayMaxDurationGoodbye(), null, limit - MaxDurationGoodbyeLead, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Time is up: whatever the agent is saying stops (what was heard is kept), and the goodbye goes next.</summary>
    private void SayMaxDurationGoodbye()
    {
        VoiceTurn? cut = null;
        lock (_gate)
        {
            if (_ended) return;
            if (_speaking is { Talking: true, Interrupted: false } speaking)
            {
                cut = speaking;
                cut.Cut(Now);
            }
        }

        if (cut is not null)
        {
            _call.ClearAudio();
            _recorder?.Clear(Now);
            _ = cut.Cancellation.CancelAsync();
        }

        LogMaxDurationGoodbye(_logger, context.RunName);
        StartTurn(new VoiceTurnRequest(VoiceTurnKind.MaxDuration));
    }

    private void OnMarkPlayed(string name)
    {
        VoiceTurn? turn;
        lock (_gate) turn = _speaking;
        turn?.OnMarkPlayed(name, Now);
    }

    /// <summary>Queues a turn after the one in flight (turns never overlap: the engine is single-threaded).</summary>
    private void StartTurn(VoiceTurnRequest request)
    {
        lock (_gate)
        {
            if (_ended) return;
            _idle.Disarm();
            var previous = _lastTurn;
            var turn = new VoiceTurn(request, CancellationTokenSource.CreateLinkedTokenSource(_callToken));
            _lastTurn = turn;
            turn.Task = Task.Run(() => RunAfterAsync(previous, turn), CancellationToken.None);
        }
    }

    private void ArmIdleIfQuiet()
    {
        lock (_gate)
        {
            if (_ended || _speaking is not null || _lastTurn is { Task.IsCompleted: false }) return;
        }

        if (!_listener.InSpeech) _idle.Arm();
    }

    private void End(RunEndReason reason)
    {
        lock (_gate)
        {
            if (_ended) return;
            _ended = true;
        }

        _idle?.Disarm();
        LogEnding(_logger, context.RunName, reason.Code);
        _call.EndCall(reason);
    }

    private async Task<ISpeechToTextSession?> OpenSpeechToTextAsync(CancellationToken cancellationToken)
    {
        var options = new SpeechToTextSessionOptions(_settings.Keyterms, _settings.Turn.EndpointingDelay);
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var session = await services.SpeechToText.StartSessionAsync(_settings.Providers.SpeechToText, options, cancellationToken);
            if (session.IsSuccess) return session.Value;
            LogProviderFailed(_logger, context.RunName, session.Error!.Stage, session.Error.Kind, session.Error.Message, attempt);
        }

        return null;
    }

    /// <summary>The end of the call: the last turn settles, extractions finish (bounded), usage and the journal are saved.</summary>
    private async Task FinishAsync()
    {
        VoiceTurn? last;
        lock (_gate)
        {
            _ended = true;
            last = _lastTurn;
        }

        _idle?.Disarm();
        if (last is not null)
        {
            await last.Cancellation.CancelAsync();
            try
            {
                await last.Task;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Already logged by the turn.
            }
        }

        if (_engine is not null) await FinishExtractionsAsync();
        if (_stt is { } stt)
        {
            RecordSpeechToTextUsage();
            await stt.DisposeAsync();
        }

        await FinishRecordingAsync();
        using var flushBound = new CancellationTokenSource(TimeSpan.FromSeconds(10), _time);
        try
        {
            await _journal.FlushAsync(flushBound.Token);
        }
        catch (OperationCanceledException)
        {
            LogFlushTimedOut(_logger, context.RunName);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunName}: the call nears its maximum duration; saying goodbye")]
    private static partial void LogMaxDurationGoodbye(ILogger logger, string runName);

    /// <summary>A recorder when the agent's configurations ask for one; none (and a warning) when its file cannot be made.</summary>
    private CallRecorder? StartRecording()
    {
        if (!context.Configurations.Recording) return null;
        var path = Path.Combine(services.Voice.Value.Recording.Folder, $"{context.RunName}.wav");
        try
        {
            return CallRecorder.Start(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogRecordingFailed(_logger, context.RunName, ex.GetType().Name);
            return null;
        }
    }

    private async Task FinishRecordingAsync()
    {
        if (_recorder is not { } recorder) return;
        try
        {
            _journal.RecordRecording(await recorder.FinishAsync());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogRecordingFailed(_logger, context.RunName, ex.GetType().Name);
        }
        finally
        {
            await recorder.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunName}: the call's recording failed ({Error})")]
    private static partial void LogRecordingFailed(ILogger logger, string runName, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunName}: the agent's graph cannot be loaded: {Reason}")]
    private static partial void LogBadGraph(ILogger logger, string runName, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunName}: the caller cut in; {Heard} characters of the agent's words were heard, {Unheard} were not")]
    private static partial void LogBargeIn(ILogger logger, string runName, int heard, int unheard);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Run {RunName}: a short burst over the agent was not taken as a turn")]
    private static partial void LogIgnoredBurst(ILogger logger, string runName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunName}: the agent ends the call ({Reason})")]
    private static partial void LogEnding(ILogger logger, string runName, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunName}: {Stage} provider failed ({Kind}): {Message} (attempt {Attempt})")]
    private static partial void LogProviderFailed(ILogger logger, string runName, VoiceStage stage, ProviderErrorKind kind, string message, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunName}: the run journal did not flush within 10 s")]
    private static partial void LogFlushTimedOut(ILogger logger, string runName);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunName}: a turn failed")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string runName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunName}: variable extraction failed ({Kind})")]
    private static partial void LogExtractionFailed(ILogger logger, string runName, string kind);
}
