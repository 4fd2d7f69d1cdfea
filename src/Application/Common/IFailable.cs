namespace CleanAgent.Application.Common;

/// <summary>Lets generic code (the pipeline behaviours) build a failed result of any result type, and read its error.</summary>
public interface IFailable<out TSelf>
{
    static abstract TSelf Failure(Error error);

    /// <summary>Null on success.</summary>
    Error? Error { get; }
}
