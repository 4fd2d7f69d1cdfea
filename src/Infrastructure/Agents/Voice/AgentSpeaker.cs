using CleanAgent.Application.Calls;
using CleanAgent.Application.Runs.Journal;
using CleanAgent.Application.Voice;
using CleanAgent.Application.Voice.Conversation;
using CleanAgent.Infrastructure.Observability;

namespace CleanAgent.Infrastructure.Agents.Voice;

/// <summary>
/// Speaks for the agent: one sentence at a time through text-to-speech, each chunk played as it arrives (so the first
/// words are heard while the provider still makes the rest) and each sentence followed by its mark, so
/// <see cref="AgentTurnPlayback"/> knows what the caller heard. A failed synthesis gets one retry with "One moment,
/// please." played in between; a second failure is <see cref="ProviderFailedTwiceException"/>.
/// </summary>
internal sealed class AgentSpeaker(ICallSession call, ITextToSpeech tts, TextToSpeechSettings settings, IRunJournal journal, Func<TimeSpan> now, CallRecorder? recorder)
{
    private readonly string _provider = settings.BaseUrl.Host;

    /// <summary>Speaks <paramref name="sentence"/> as part of <paramref name="playback"/>'s turn.</summary>
    public async Task SpeakAsync(string sentence, AgentTurnPlayback playback, TurnTiming? timing, CancellationToken cancellationToken)
    {
        var text = sentence.Length <= ITextToSpeech.MaxInputCharacters ? sentence : sentence[..ITextToSpeech.MaxInputCharacters];
        for (var attempt = 1; ; attempt++)
        {
            var sent = now();
            var before = playback.SentenceCount;
            try
            {
                await SynthesizeIntoCallAsync(text, playback, timing, sent, cancellationToken);
                return;
            }
            catch (ProviderException) when (playback.SentenceCount > before)
            {
                // Part of the sentence played: it is closed (marked); go on rather than say it twice.
                return;
            }
            catch (ProviderException ex) when (attempt > 1)
            {
                throw new ProviderFailedTwiceException(ex.Error);
            }
            catch (ProviderException)
            {
                await TrySayLineAsync(AgentLines.OneMoment, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Best effort, no retry: a fixed line (the retry notice, an apology) when the provider may be the one failing.
    /// Returns how much audio was queued (zero when the provider failed).
    /// </summary>
    public async Task<TimeSpan> TrySayLineAsync(string line, CancellationToken cancellationToken)
    {
        using var span = CallTracing.StartStage(CallTracing.TextToSpeechSpan, _provider);
        try
        {
            var samples = 0;
            var characters = 0;
            await foreach (var chunk in tts.SynthesizeAsync(line, settings, cancellationToken))
            {
                call.Play(chunk.Pcm.Span);
                recorder?.AddAgent(chunk.Pcm.Span, now());
                samples += chunk.Pcm.Length;
                characters += chunk.Characters;
            }

            RecordUsage(characters, samples);
            return TimeSpan.FromTicks(samples * TimeSpan.TicksPerSecond / TelephonyAudio.SampleRate);
        }
        catch (ProviderException ex)
        {
            CallTracing.Failed(span, ex.Error.Kind.ToString());
            return TimeSpan.Zero;
        }
    }

    private async Task SynthesizeIntoCallAsync(string text, AgentTurnPlayback playback, TurnTiming? timing, TimeSpan sent, CancellationToken cancellationToken)
    {
        string? mark = null;
        var samples = 0;
        var characters = 0;
        using var span = CallTracing.StartStage(CallTracing.TextToSpeechSpan, _provider);
        try
        {
            await foreach (var chunk in tts.SynthesizeAsync(text, settings, cancellationToken))
            {
                if (mark is null)
                {
                    var at = now();
                    mark = playback.StartSentence(text, at);
                    if (timing is { FirstAudioAt: null })
                    {
                        timing.TextToSpeechFirstByte = at - sent;
                        timing.FirstAudioAt = at;
                    }
                }

                call.Play(chunk.Pcm.Span);
                recorder?.AddAgent(chunk.Pcm.Span, now());
                playback.AddAudio(chunk.Pcm.Length);
                samples += chunk.Pcm.Length;
                characters += chunk.Characters;
            }
        }
        catch (ProviderException ex)
        {
            CallTracing.Failed(span, ex.Error.Kind.ToString());
            throw;
        }
        finally
        {
            if (mark is not null)
            {
                call.Mark(mark);
                RecordUsage(characters, samples);
            }
        }
    }

    private void RecordUsage(int characters, int samples)
    {
        if (characters == 0 && samples == 0) return;
        journal.RecordUsage(new ProviderUsage(VoiceStage.TextToSpeech, _provider, settings.Model,
            Characters: characters, AudioSeconds: samples / (double)TelephonyAudio.SampleRate));
    }
}
