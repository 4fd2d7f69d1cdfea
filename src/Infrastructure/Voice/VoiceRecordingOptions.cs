namespace CleanAgent.Infrastructure.Voice;

/// <summary><c>Voice:Recording:*</c>.</summary>
public sealed class VoiceRecordingOptions
{
    /// <summary>Where call recordings are written; a relative path is inside <c>Database:DataFolder</c> (<see cref="RecordingFolderResolution"/>).</summary>
    public string Folder { get; set; } = "recordings";
}
