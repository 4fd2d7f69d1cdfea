using CleanAgent.Domain.Common;

namespace CleanAgent.Domain.Runs;

/// <summary>
/// One agent turn's latency, in milliseconds: from the end of the caller's turn to the first agent audio sent, and its
/// parts (speech-to-text, LLM first token, text-to-speech first byte, and the server's own share). Rows beside the
/// run, in the order recorded (<see cref="Sequence"/>).
/// </summary>
public sealed class RunTurnLatency
{
    /// <summary>A turn's latency is seconds at worst; a day means a broken clock, not a slow provider.</summary>
    public static readonly TimeSpan MaxLatency = TimeSpan.FromDays(1);

    private RunTurnLatency()
    {
    }

    public Guid RunId { get; private set; }

    /// <summary>The measurement's place in the run (0, 1, 2, … as recorded).</summary>
    public int Sequence { get; private set; }

    /// <summary>The agent turn's position in the transcript.</summary>
    public int TurnIndex { get; private set; }

    public int TotalMs { get; private set; }

    /// <summary>Null when the caller's transcript was already final at the end of the turn.</summary>
    public int? SpeechToTextMs { get; private set; }

    public int? LlmFirstTokenMs { get; private set; }
    public int? TextToSpeechFirstByteMs { get; private set; }

    /// <summary>What the stages leave of the total: CleanAgent's own share.</summary>
    public int ServerMs { get; private set; }

    public static RunTurnLatency Record(Guid runId, int sequence, int turnIndex, TimeSpan total, TimeSpan? speechToText,
        TimeSpan? llmFirstToken, TimeSpan? textToSpeechFirstByte, TimeSpan server)
    {
        if (runId == Guid.Empty) throw new DomainException("A latency belongs to a run.");
        if (sequence < 0) throw new DomainException("A latency's sequence number cannot be negative.");
        if (turnIndex < 0) throw new DomainException("A turn index cannot be negative.");

        return new RunTurnLatency
        {
            RunId = runId,
            Sequence = sequence,
            TurnIndex = turnIndex,
            TotalMs = Milliseconds(total, "total"),
            SpeechToTextMs = speechToText is { } stt ? Milliseconds(stt, "speech-to-text") : null,
            LlmFirstTokenMs = llmFirstToken is { } llm ? Milliseconds(llm, "LLM first token") : null,
            TextToSpeechFirstByteMs = textToSpeechFirstByte is { } tts ? Milliseconds(tts, "text-to-speech first byte") : null,
            ServerMs = Milliseconds(server, "server"),
        };
    }

    private static int Milliseconds(TimeSpan value, string part)
    {
        if (value < TimeSpan.Zero || value > MaxLatency)
            throw new DomainException($"A turn's {part} latency must be between 0 and {MaxLatency.TotalHours:0} h.");
        return (int)Math.Round(value.TotalMilliseconds, MidpointRounding.AwayFromZero);
    }
}
