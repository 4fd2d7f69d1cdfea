using CleanAgent.Application.Common.Ports;

namespace CleanAgent.Infrastructure.Runs;

internal sealed class RecordingFiles : IRecordingFiles
{
    public void Delete(string path)
    {
        try
        {
            File.Delete(Path.GetFullPath(path)); // no error when it is not there
        }
        catch (DirectoryNotFoundException)
        {
            // its folder is gone too: so is the file
        }
    }
}
