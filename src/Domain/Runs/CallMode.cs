using CleanAgent.Domain.Common;

namespace CleanAgent.Domain.Runs;

/// <summary>
/// The telephony provider that bridged a call (<c>cloudonix</c>, <c>twilio</c>, …): a run's <em>mode</em>. A plain
/// lower-case name, so the domain knows no provider while runs of every provider are told apart.
/// </summary>
public readonly record struct CallMode
{
    public const int MaxLength = 32;

    private static readonly System.Buffers.SearchValues<char> Allowed = System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789_-");

    private CallMode(string name) => Name = name;

    public string Name { get; }

    /// <summary>A mode from a provider's name: 1–32 lower-case letters, digits, <c>_</c> or <c>-</c>, starting with a letter.</summary>
    public static CallMode Of(string name)
    {
        if (!IsValid(name)) throw new DomainException($"'{name}' is not a call mode (lower-case letters, digits, '_' or '-', at most {MaxLength}).");
        return new CallMode(name);
    }

    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= MaxLength }
        && char.IsAsciiLetterLower(name[0])
        && !name.AsSpan().ContainsAnyExcept(Allowed);

    public override string ToString() => Name;
}
