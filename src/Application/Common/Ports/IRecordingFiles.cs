namespace CleanAgent.Application.Common.Ports;

/// <summary>Where call recordings live on disk: retention removes a run's file with its run (or before it).</summary>
public interface IRecordingFiles
{
    /// <summary>Removes the file if it is there; a file already gone is not an error (another node may have removed it).</summary>
    void Delete(string path);
}
