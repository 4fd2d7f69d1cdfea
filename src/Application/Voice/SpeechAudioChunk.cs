namespace CleanAgent.Application.Voice;

/// <summary>
/// A piece of synthesised speech as it streams in: 16-bit PCM at 8 kHz, ready to play. <see cref="Pcm"/> lies in a
/// buffer the synthesiser reuses: it is valid until the enumeration moves on, so play (copy) it before that.
/// </summary>
/// <param name="Characters">Characters of input billed, counted on the first chunk of a synthesis (0 on the others), so the sum over chunks is the total.</param>
public readonly record struct SpeechAudioChunk(ReadOnlyMemory<short> Pcm, int Characters);
