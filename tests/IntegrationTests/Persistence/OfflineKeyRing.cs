using System.Xml.Linq;
using CleanAgent.Application.Common;
using CleanAgent.Infrastructure.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Secret = CleanAgent.Application.Common.Secret;

namespace CleanAgent.IntegrationTests.Persistence;

/// <summary>
/// A Data Protection key and a value protected with it, made in memory the way the server protects secrets, for the
/// offline SQL Server harness to answer as stored rows: the key ring's one key and a telephony account's token. A use
/// case that unprotects a stored secret then takes its success path there too.
/// </summary>
internal sealed class OfflineKeyRing
{
    private OfflineKeyRing(string keyXml, string protectedValue)
    {
        KeyXml = keyXml;
        ProtectedValue = protectedValue;
    }

    /// <summary>The stored <c>DataProtectionKeys.Xml</c> of the one key.</summary>
    public string KeyXml { get; }

    /// <summary>The secret, protected under that key for the purpose given.</summary>
    public string ProtectedValue { get; }

    public static OfflineKeyRing Protect(SecretPurpose purpose, Secret secret)
    {
        var repository = new MemoryXmlRepository();
        var services = new ServiceCollection().AddLogging();
        services.AddDataProtection().SetApplicationName(DataProtectionSecretProtector.ApplicationName);
        services.Configure<KeyManagementOptions>(options => options.XmlRepository = repository);
        using var provider = services.BuildServiceProvider();

        var protectedValue = new DataProtectionSecretProtector(provider.GetRequiredService<IDataProtectionProvider>()).Protect(purpose, secret);
        return new OfflineKeyRing(repository.Elements.Single().ToString(SaveOptions.DisableFormatting), protectedValue);
    }

    private sealed class MemoryXmlRepository : IXmlRepository
    {
        public List<XElement> Elements { get; } = [];

        public IReadOnlyCollection<XElement> GetAllElements() => Elements.ToList();

        public void StoreElement(XElement element, string friendlyName) => Elements.Add(element);
    }
}
