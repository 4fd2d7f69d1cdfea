using System.Collections;

namespace CleanAgent.Web.AgentStream;

/// <summary>
/// The logging scope of one Agent Stream call: <c>RunName</c> on every line the call writes — its own, the media
/// session's, the agent's, the use cases' — once the run exists. The scope is begun when the call starts, before its
/// run has a name, and filled in at admission: a scope begun later, inside admission's own async method, would end
/// with that method (the logging scope flows down an async call, never back up), and the lines of the call's end
/// (a drop, a fault) would go without it.
/// </summary>
internal sealed class CallLogScope : IReadOnlyList<KeyValuePair<string, object?>>
{
    public const string RunNameKey = "RunName";

    private volatile string? _runName;

    public string? RunName
    {
        get => _runName;
        set => _runName = value;
    }

    public int Count => _runName is null ? 0 : 1;

    public KeyValuePair<string, object?> this[int index] => index == 0 && _runName is { } name
        ? new KeyValuePair<string, object?>(RunNameKey, name)
        : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        if (_runName is { } name) yield return new KeyValuePair<string, object?>(RunNameKey, name);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>What a plain-text log shows of the scope (<c>=> run WR-AGS-…</c>).</summary>
    public override string ToString() => _runName is { } name ? $"run {name}" : "Agent Stream call";
}
