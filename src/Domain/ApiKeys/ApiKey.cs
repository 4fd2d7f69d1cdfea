using CleanAgent.Domain.Common;

namespace CleanAgent.Domain.ApiKeys;

/// <summary>
/// A credential of an organization. Only a hash of the key is kept, with a short prefix so that operators
/// can tell keys apart; the key itself is shown once, when it is created.
/// </summary>
public sealed class ApiKey
{
    private ApiKey()
    {
        Name = string.Empty;
        KeyHash = string.Empty;
        DisplayPrefix = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public string Name { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the full key.</summary>
    public string KeyHash { get; private set; }

    /// <summary>The first characters of the key (e.g. <c>dg_Ab3x</c>), safe to show.</summary>
    public string DisplayPrefix { get; private set; }

    public bool IsArchived { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? ArchivedAt { get; private set; }
    public DateTime? LastUsedAt { get; private set; }

    public bool IsActive => !IsArchived;

    public static ApiKey Create(Guid organizationId, string name, string keyHash, string displayPrefix, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException("An API key needs a name.");
        if (keyHash.Length != 64) throw new DomainException("An API key hash is a 64-character SHA-256 hex string.");

        return new ApiKey
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = organizationId,
            Name = name.Trim(),
            KeyHash = keyHash,
            DisplayPrefix = displayPrefix,
            CreatedAt = now,
        };
    }

    public void Archive(DateTime now)
    {
        if (IsArchived) return;
        IsArchived = true;
        ArchivedAt = now;
    }

    /// <summary>Restores an archived key: connections presenting it are admitted again. Reactivating an active key is harmless.</summary>
    public void Reactivate()
    {
        IsArchived = false;
        ArchivedAt = null;
    }
}
