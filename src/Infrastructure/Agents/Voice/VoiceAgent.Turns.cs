using System.Diagnostics;
using System.Text.Json;
using CleanAgent.Application.Runs.Journal;
using CleanAgent.Application.Voice;
using CleanAgent.Application.Voice.Conversation;
using CleanAgent.Domain.Agents.Definitions;
using CleanAgent.Domain.Runs;
using CleanAgent.Infrastructure.Observability;
using Microsoft.Extensions.AI;

namespace CleanAgent.Infrastructure.Agents.Voice;

/// <summary>
/// The speaking side of <see cref="VoiceAgent"/>: one turn at a time — transcribe the caller's words, ask the LLM,
/// speak its reply as each sentence completes, follow its transition tool to the next node (and ask again, same
/// turn), say goodbye and hang up on an end node — and keep everything on the run as it happens. Every provider call
/// gets one retry with "One moment, please." in between; a second failure apologises and ends the call
/// (<c>provider_error</c>).
/// </summary>
internal sealed partial class VoiceAgent
{
    /// <summary>Transitions followed in one turn before the agent stops asking (a model that loops between nodes).</summary>
    private const int MaxHopsPerTurn = 4;

    /// <summary>"One moment, please." fillers a turn may play while it waits for a slow LLM.</summary>
    private const int MaxFillersPerTurn = 3;

    /// <summary>The longest the caller waits in silence for the LLM's first token before a filler plays.</summary>
    public static readonly TimeSpan DeadAirLimit = TimeSpan.FromSeconds(2);

    private readonly List<Task<(AgentNode Node, string? Answer)>> _extractions = [];
    private string? _resumable;
    private int _transcriptTurns;
    private int _agentTurns;
    private TimeSpan _sttAudioRecorded;

    private async Task RunAfterAsync(VoiceTurn? previous, VoiceTurn turn)
    {
        if (previous is not null)
        {
            try
            {
                await previous.Task;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Logged where it happened.
            }
        }

        lock (_gate)
        {
            if (_ended) return; // the call is ending: nothing more is said
            _speaking = turn;
        }

        // The turn's span: its STT, LLM and TTS stages are its children.
        using var span = CallTracing.StartTurn(JsonNamingPolicy.SnakeCaseLower.ConvertName(turn.Request.Kind.ToString()));
        try
        {
            turn.Token.ThrowIfCancellationRequested();
            ApplyFinishedExtractions();
            await TakeTurnAsync(turn);
        }
        catch (OperationCanceledException) when (turn.Interrupted)
        {
            span?.SetTag(CallTracing.TurnInterruptedAttribute, true);
            RecordInterruption(turn);
        }
        catch (OperationCanceledException) when (turn.Token.IsCancellationRequested)
        {
            // The call is over (the caller hung up mid-sentence): keep what they heard of this turn.
            RecordCutShort(turn);
        }
        catch (ProviderFailedTwiceException ex)
        {
            CallTracing.Failed(span, ex.Error.Kind.ToString());
            LogProviderFailed(_logger, context.RunName, ex.Error.Stage, ex.Error.Kind, ex.Error.Message, 2);
            await EndForProviderErrorAsync(turn);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            CallTracing.Failed(span, ex.GetType().FullName ?? ex.GetType().Name);
            LogTurnFailed(_logger, ex, context.RunName);
            End(RunEndReason.ServerError);
        }
        finally
        {
            bool arm;
            lock (_gate)
            {
                if (_speaking == turn) _speaking = null;
                arm = !_ended && _lastTurn == turn && !turn.Interrupted;
            }

            if (arm && !_listener.InSpeech) _idle.Arm();
        }
    }

    private async Task TakeTurnAsync(VoiceTurn turn)
    {
        var request = turn.Request;
        switch (request.Kind)
        {
            case VoiceTurnKind.Opening:
                var opening = _engine.Begin();
                BeginTalking(turn);
                if (opening.Greeting is { } greeting) await SayAsync(turn, greeting, waitUntilHeard: true);
                else await ReplyAsync(turn);
                break;

            case VoiceTurnKind.CallerUtterance:
                turn.Timing = new TurnTiming(request.EndedAt);
                var transcribing = Now;
                var transcript = await TranscribeAsync(turn, request.Speech.TurnStart);
                turn.Timing.SpeechToText = Now - transcribing;
                RecordSpeechToTextUsage();
                if (transcript.IsEmpty)
                {
                    // No words: a false interruption resumes what the agent was saying; anything else is noise.
                    if (_resumable is not { } rest) return;
                    _resumable = null;
                    BeginTalking(turn);
                    await SayAsync(turn, rest, waitUntilHeard: true);
                    return;
                }

                _resumable = null;
                RecordCallerTurn(transcript.Text.Trim(), request.Speech.TurnStart, request.Speech.LastSpeech);
                _engine.AddCallerText(transcript.Text);
                BeginTalking(turn);
                await ReplyAsync(turn);
                break;

            case VoiceTurnKind.Dtmf:
                if (!_engine.AddDtmf(request.Digit)) return;
                _resumable = null;
                turn.Timing = new TurnTiming(request.EndedAt);
                RecordCallerTurn($"The caller pressed {char.ToUpperInvariant(request.Digit)}", request.EndedAt, request.EndedAt);
                BeginTalking(turn);
                await ReplyAsync(turn);
                break;

            case VoiceTurnKind.Idle when request.Idle == IdleStage.AskIfStillThere:
                BeginTalking(turn);
                await SayAsync(turn, AgentLines.StillThere, waitUntilHeard: true);
                break;

            case VoiceTurnKind.Idle:
                turn.Talking = true; // the goodbye is not interruptible: the call ends after it either way
                await SayAsync(turn, AgentLines.IdleGoodbye, waitUntilHeard: false);
                End(RunEndReason.UserIdle);
                break;

            case VoiceTurnKind.MaxDuration:
                turn.Talking = true;
                await SayAsync(turn, AgentLines.MaxDurationGoodbye, waitUntilHeard: false);
                End(RunEndReason.MaxDuration);
                break;
        }
    }

    private void BeginTalking(VoiceTurn turn)
    {
        turn.Interruptible = _engine.AllowInterrupt;
        turn.Talking = true;
    }

    /// <summary>
    /// Asks the LLM and speaks its answer; follows a transition tool to the next node and asks again from there, in
    /// the same turn; on an end node, the answer is the goodbye and the call ends once it has played.
    /// </summary>
    private async Task ReplyAsync(VoiceTurn turn)
    {
        for (var hop = 0; hop < MaxHopsPerTurn; hop++)
        {
            ApplyFinishedExtractions();
            turn.Interruptible = _engine.AllowInterrupt;
            var playback = turn.StartPlayback(NextMarkPrefix(), Now);
            var started = Now;
            var toolCall = await GenerateAsync(turn, playback);
            playback.Seal();

            if (toolCall is null || _engine.IsEnding)
            {
                await WaitUntilHeardAsync(playback, turn.Token);
                RecordAgentTurn(turn, playback.Text, started, Now, interrupted: false);
                if (_engine.IsEnding) End(RunEndReason.AgentEnded);
                return;
            }

            RecordAgentTurn(turn, playback.Text, started, Now, interrupted: false);
            var transition = _engine.TakeTransition(toolCall.Name, toolCall.CallId);
            if (!transition.Moved) continue;

            _journal.RecordNodeEntered(new NodeVisit(transition.To.Id, transition.To.Name, Now));
            if (transition.NodeToExtract is { } left) StartExtraction(left);
            turn.Interruptible = _engine.AllowInterrupt;
            if (transition.TransitionSpeech is { } speech) await SayAsync(turn, speech, waitUntilHeard: false);
        }
    }

    /// <summary>One LLM answer, spoken as it streams; retried once (with "One moment, please.") if it fails before a word was spoken.</summary>
    private async Task<FunctionCallContent?> GenerateAsync(VoiceTurn turn, AgentTurnPlayback playback)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StreamReplyAsync(turn, playback);
            }
            catch (ProviderException ex) when (playback.SentenceCount > 0)
            {
                // Words were spoken already: saying them again would be worse than stopping here.
                LogProviderFailed(_logger, context.RunName, ex.Error.Stage, ex.Error.Kind, ex.Error.Message, attempt);
                return null;
            }
            catch (ProviderException ex) when (attempt > 1)
            {
                throw new ProviderFailedTwiceException(ex.Error);
            }
            catch (ProviderException ex)
            {
                LogProviderFailed(_logger, context.RunName, ex.Error.Stage, ex.Error.Kind, ex.Error.Message, attempt);
                if (turn.Fillers == 0) turn.AudioUntil = Now + await _speaker.TrySayLineAsync(AgentLines.OneMoment, turn.Token);
            }
        }
    }

    private async Task<FunctionCallContent?> StreamReplyAsync(VoiceTurn turn, AgentTurnPlayback playback)
    {
        var messages = _engine.BuildChatMessages();
        var options = _engine.BuildChatOptions();
        var splitter = new SentenceSplitter();
        FunctionCallContent? toolCall = null;
        long promptTokens = 0, completionTokens = 0;
        var asked = Now;
        var first = true;
        using var span = CallTracing.StartStage(CallTracing.LlmSpan, _settings.Providers.Llm.BaseUrl.Host);
        // The reply's sentences are spoken while it streams: their TTS spans are the turn's stages, beside this one.
        if (span?.Parent is { } turnSpan) Activity.Current = turnSpan;
        var updates = _chat.GetStreamingResponseAsync(messages, options, turn.Token).GetAsyncEnumerator(turn.Token);
        try
        {
            while (await NextUpdateAsync(updates, turn, waitingForFirst: first))
            {
                var update = updates.Current;
                if (first)
                {
                    first = false;
                    if (turn.Timing is { LlmFirstToken: null } timing) timing.LlmFirstToken = Now - asked;
                }

                foreach (var content in update.Contents)
                {
                    switch (content)
                    {
                        case TextContent text:
                            splitter.Append(text.Text);
                            break;
                        case FunctionCallContent call:
                            toolCall ??= call;
                            break;
                        case UsageContent usage:
                            promptTokens += usage.Details.InputTokenCount ?? 0;
                            completionTokens += usage.Details.OutputTokenCount ?? 0;
                            break;
                    }
                }

                while (splitter.TryTakeSentence(out var sentence)) await _speaker.SpeakAsync(sentence, playback, turn.Timing, turn.Token);
            }

            if (splitter.Flush() is { } rest) await _speaker.SpeakAsync(rest, playback, turn.Timing, turn.Token);
        }
        catch (ProviderException ex)
        {
            CallTracing.Failed(span, ex.Error.Kind.ToString());
            throw;
        }
        finally
        {
            await updates.DisposeAsync();
            if (!first)
                _journal.RecordUsage(new ProviderUsage(VoiceStage.Llm, _settings.Providers.Llm.BaseUrl.Host, _settings.Providers.Llm.Model, promptTokens, completionTokens));
        }

        return toolCall;
    }

    /// <summary>
    /// The next update of the LLM's stream. While the first is awaited, every <see cref="DeadAirLimit"/> of silence gets
    /// "One moment, please." (up to <see cref="MaxFillersPerTurn"/> a turn), so a slow or hanging provider never leaves
    /// the caller in silence for long before the provider timeout decides the attempt failed.
    /// </summary>
    private async Task<bool> NextUpdateAsync(IAsyncEnumerator<ChatResponseUpdate> updates, VoiceTurn turn, bool waitingForFirst)
    {
        var next = updates.MoveNextAsync();
        if (!waitingForFirst || next.IsCompleted) return await next;

        var pending = next.AsTask();
        if (turn.AudioUntil == TimeSpan.Zero) turn.AudioUntil = Now; // silence began when the turn began to wait
        while (turn.Fillers < MaxFillersPerTurn)
        {
            // Silence counts from the end of the last thing the caller heard (an earlier filler included).
            var wait = turn.AudioUntil + DeadAirLimit - Now;
            using var silence = CancellationTokenSource.CreateLinkedTokenSource(turn.Token);
            var limit = wait > TimeSpan.Zero ? Task.Delay(wait, _time, silence.Token) : Task.CompletedTask;
            if (await Task.WhenAny(pending, limit) == pending)
            {
                await silence.CancelAsync();
                break;
            }

            turn.Token.ThrowIfCancellationRequested();
            turn.Fillers++;
            var queued = await _speaker.TrySayLineAsync(AgentLines.OneMoment, turn.Token);
            turn.AudioUntil = Now + queued;
        }

        return await pending;
    }

    /// <summary>Fixed text (a greeting, a transition's speech, an idle prompt), spoken sentence by sentence and recorded as the agent's.</summary>
    private async Task SayAsync(VoiceTurn turn, string text, bool waitUntilHeard)
    {
        var playback = turn.StartPlayback(NextMarkPrefix(), Now);
        var started = Now;
        var splitter = new SentenceSplitter();
        splitter.Append(text);
        while (splitter.TryTakeSentence(out var sentence)) await _speaker.SpeakAsync(sentence, playback, turn.Timing, turn.Token);
        if (splitter.Flush() is { } rest) await _speaker.SpeakAsync(rest, playback, turn.Timing, turn.Token);
        playback.Seal();
        if (waitUntilHeard) await WaitUntilHeardAsync(playback, turn.Token);
        RecordAgentTurn(turn, playback.Text, started, Now, interrupted: false);
    }

    /// <summary>Until the last mark of <paramref name="playback"/> comes back, bounded by its audio plus a grace (a provider that does not echo).</summary>
    private async Task WaitUntilHeardAsync(AgentTurnPlayback playback, CancellationToken cancellationToken)
    {
        try
        {
            await playback.AllPlayed.WaitAsync(playback.QueuedAudio + PlaybackGrace, _time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Counted as heard: the audio had all the time it needed to play.
        }
    }

    private async Task<Transcript> TranscribeAsync(VoiceTurn turn, TimeSpan utteranceStart)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stt = _stt!;
            ProviderResult<Transcript> result;
            using (var span = CallTracing.StartStage(CallTracing.SpeechToTextSpan, _settings.Providers.SpeechToText.BaseUrl.Host))
            {
                result = await stt.FinishUtteranceAsync(utteranceStart, turn.Token);
                if (!result.IsSuccess) CallTracing.Failed(span, result.Error!.Kind.ToString());
            }

            if (result.IsSuccess) return result.Value;

            var error = result.Error!;
            if (attempt > 1) throw new ProviderFailedTwiceException(error);
            LogProviderFailed(_logger, context.RunName, error.Stage, error.Kind, error.Message, attempt);
            _ = await _speaker.TrySayLineAsync(AgentLines.OneMoment, turn.Token);
            if (error.Kind is ProviderErrorKind.Unreachable or ProviderErrorKind.Protocol && _settings.Providers.SpeechToText.Provider == SpeechToTextProvider.Deepgram)
            {
                // A broken streaming session answers nothing more: the retry needs a new one.
                var replacement = await OpenSpeechToTextAsync(turn.Token);
                if (replacement is not null)
                {
                    RecordSpeechToTextUsage();
                    _stt = replacement;
                    _sttAudioRecorded = TimeSpan.Zero;
                    await stt.DisposeAsync();
                }
            }
        }
    }

    private async Task EndForProviderErrorAsync(VoiceTurn turn)
    {
        turn.Interruptible = false; // the apology is the call's last words: a barge-in must not clear them
        var started = Now;
        if (await _speaker.TrySayLineAsync(AgentLines.ProviderErrorApology, _callToken) > TimeSpan.Zero)
            RecordAgentTurn(turn, AgentLines.ProviderErrorApology, started, Now, interrupted: false);
        End(RunEndReason.ProviderError);
    }

    /// <summary>The caller cut the turn short: only what was heard is kept, marked interrupted; the rest may be resumed.</summary>
    private void RecordInterruption(VoiceTurn turn)
    {
        RecordAgentTurn(turn, turn.Heard, turn.PlaybackStart, turn.InterruptedAt, interrupted: true);
        _resumable = string.IsNullOrWhiteSpace(turn.Unheard) ? null : turn.Unheard;
        if (_engine.IsEnding) End(RunEndReason.AgentEnded);
    }

    private void RecordCutShort(VoiceTurn turn)
    {
        lock (_gate) turn.Cut(Now);
        RecordAgentTurn(turn, turn.Heard, turn.PlaybackStart, turn.InterruptedAt, interrupted: false);
    }

    private void RecordCallerTurn(string text, TimeSpan start, TimeSpan end)
    {
        _journal.RecordTurn(new TranscriptTurn(Speaker.Caller, text, start, end, Interrupted: false, _engine.CurrentNode.Id));
        _transcriptTurns++;
    }

    private void RecordAgentTurn(VoiceTurn turn, string text, TimeSpan start, TimeSpan end, bool interrupted)
    {
        if (string.IsNullOrWhiteSpace(text)) return;
        _engine.RecordAgentReply(text, interrupted);
        var index = _transcriptTurns++;
        _journal.RecordTurn(new TranscriptTurn(Speaker.Agent, text.Trim(), start, end, interrupted, _engine.CurrentNode.Id));
        if (turn is { Timing: { FirstAudioAt: { } firstAudio } timing, LatencyRecorded: false })
        {
            turn.LatencyRecorded = true;
            var total = firstAudio - timing.CallerTurnEnded;
            var stages = (timing.SpeechToText ?? TimeSpan.Zero) + (timing.LlmFirstToken ?? TimeSpan.Zero) + (timing.TextToSpeechFirstByte ?? TimeSpan.Zero);
            var server = total - stages;
            _journal.RecordLatency(new TurnLatency(index, total, timing.SpeechToText, timing.LlmFirstToken, timing.TextToSpeechFirstByte,
                server < TimeSpan.Zero ? TimeSpan.Zero : server));
        }
    }

    private void RecordSpeechToTextUsage()
    {
        if (_stt is not { } stt) return;
        var usage = stt.Usage;
        var added = usage.Audio - _sttAudioRecorded;
        if (added <= TimeSpan.Zero) return;
        _sttAudioRecorded = usage.Audio;
        var provider = _settings.Providers.SpeechToText.Provider == SpeechToTextProvider.Deepgram ? "deepgram" : _settings.Providers.SpeechToText.BaseUrl.Host;
        _journal.RecordUsage(new ProviderUsage(VoiceStage.SpeechToText, provider, usage.Model, AudioSeconds: added.TotalSeconds));
    }

    private string NextMarkPrefix() => $"agent-{Interlocked.Increment(ref _agentTurns)}";

    /// <summary>The structured-output call for a node just left, off the speaking path; its answer is applied by a later turn.</summary>
    private void StartExtraction(AgentNode node)
    {
        var request = _engine.BuildExtractionRequest(node);
        _extractions.Add(Task.Run(async () =>
        {
            try
            {
                // No call token: the call may be over by the time it answers, and the answer is still the run's. The
                // provider timeout bounds it, and the end of the call waits for it only so long.
                var response = await _chat.GetResponseAsync(request.Messages, request.Options, CancellationToken.None);
                return (node, (string?)response.Text);
            }
            catch (ProviderException ex)
            {
                LogExtractionFailed(_logger, context.RunName, ex.Error.Kind.ToString());
                return (node, (string?)null);
            }
        }, CancellationToken.None));
    }

    private void ApplyFinishedExtractions()
    {
        for (var i = 0; i < _extractions.Count; i++)
        {
            if (!_extractions[i].IsCompleted) continue;
            var (node, answer) = _extractions[i].Result;
            _extractions.RemoveAt(i--);
            if (answer is null) continue;
            var outcome = _engine.ApplyExtraction(node, answer);
            if (outcome.Values.Count > 0) _journal.RecordGathered(outcome.Values);
        }
    }

    /// <summary>At the end of the call: the node the call ended on is left too; every extraction gets a bounded wait.</summary>
    private async Task FinishExtractionsAsync()
    {
        if (_engine.NodeToExtractAtCallEnd is { } last) StartExtraction(last);
        if (_extractions.Count == 0) return;
        try
        {
            await Task.WhenAll(_extractions).WaitAsync(_settings.ProviderTimeout * 2, _time);
        }
        catch (TimeoutException)
        {
            // What has not answered by now is left out.
        }

        ApplyFinishedExtractions();
    }
}
