using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using Microsoft.AspNetCore.DataProtection;
using Secret = CleanAgent.Application.Common.Secret;

namespace CleanAgent.Infrastructure.Security;

/// <summary>
/// <see cref="ISecretProtector"/> on ASP.NET Core Data Protection: authenticated encryption under a key ring that
/// lives in the application's own database, so every server process of a cluster and the admin CLI share it, and
/// Data Protection rotates its keys (old ones stay readable). Each <see cref="SecretPurpose"/> gets its own
/// derived protector.
/// </summary>
internal sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    /// <summary>
    /// Fixed for every installation and every process: Data Protection isolates applications by this name, and one
    /// that differed (a process started from another folder, say) could not read what the others protected.
    /// </summary>
    public const string ApplicationName = "CleanAgent";

    private const string RootPurpose = "CleanAgent.Secrets.v1";

    private readonly IDataProtector _root = provider.CreateProtector(RootPurpose);

    public string Protect(SecretPurpose purpose, Secret secret) => _root.CreateProtector(Named(purpose)).Protect(secret.Value);

    public Secret Unprotect(SecretPurpose purpose, string protectedValue) => new(_root.CreateProtector(Named(purpose)).Unprotect(protectedValue));

    private static string Named(SecretPurpose purpose) =>
        purpose.Name ?? throw new ArgumentException("A secret purpose must be named.", nameof(purpose));
}
