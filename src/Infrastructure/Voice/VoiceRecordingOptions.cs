namespace CleanAgent.Infrastructure.Voice;

/// <summary><c>Voice:Recording:*</c>.</summary>
public sealed class VoiceRecordingOptions
{
    /// <summary>Where call recordings are written; relative paths are relative to the working directory.</summary>
    public string Folder { get; set; } = "data/recordings";
}
