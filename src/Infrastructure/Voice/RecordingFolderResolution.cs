using CleanAgent.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace CleanAgent.Infrastructure.Voice;

/// <summary>
/// <c>Voice:Recording:Folder</c>, when relative, lives in the data folder beside the SQLite database, not wherever the
/// server happened to be started: the recordings (and the paths the runs keep of them, which retention deletes and the
/// REST API serves) stay put whichever directory the service manager or a shell starts it from.
/// </summary>
internal sealed class RecordingFolderResolution(DatabaseOptions? database = null) : IPostConfigureOptions<VoiceOptions>
{
    public void PostConfigure(string? name, VoiceOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Recording.Folder)) return; // the validator names it
        var dataFolder = database?.DataFolder ?? DatabaseOptions.DefaultDataFolder();
        options.Recording.Folder = Path.GetFullPath(Path.Combine(dataFolder, options.Recording.Folder));
    }
}
