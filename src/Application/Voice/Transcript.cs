namespace CleanAgent.Application.Voice;

/// <summary>The text of one caller turn. Empty text means the provider heard no words (a cough, line noise): not an error.</summary>
/// <param name="Audio">How much audio the provider was given for this turn.</param>
public sealed record Transcript(string Text, TimeSpan Audio)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(Text);
}
