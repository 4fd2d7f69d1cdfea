namespace CleanAgent.Application.Common;

/// <summary>
/// A credential in memory (API key, provider bearer token). Its <see cref="ToString"/> never shows the value,
/// so a secret that ends up in a log template, an exception message or a record's printout stays hidden.
/// </summary>
public readonly record struct Secret(string Value)
{
    public const string Redacted = "[redacted]";

    public bool IsBlank => string.IsNullOrWhiteSpace(Value);

    public override string ToString() => Redacted;

    // Records print their members; keep the value out of that too.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append(Redacted);
        return true;
    }
}
