using System.Text;
using CleanAgent.Application.Common;
using CleanAgent.Application.Telephony;
using CleanAgent.Domain.Runs;
using CleanAgent.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.IntegrationTests.Telephony;

/// <summary>
/// An organization's telephony credentials through the host's own use cases, on a SQLite file: stored encrypted
/// (the token never in the file in clear), read back only for the organization and provider they were set for.
/// </summary>
public sealed class TelephonyCredentialsTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    private static readonly CallMode Twilio = CallMode.Of("twilio");

    private CleanAgentHost Host => fixture.Host;

    private static Secret NewToken() => new("tw-token-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task SetThenFind_GivesTheTokenBack_OnlyToItsOrganizationAndProvider()
    {
        var mine = await Host.CreateTenantAsync();
        var theirs = await Host.CreateTenantAsync();
        var token = NewToken();

        var set = await Host.Send(new SetTelephonyCredentials(mine.OrganizationId, " Twilio ", AccountSid, token));

        Assert.True(set.IsSuccess, set.Error?.Message);
        Assert.Equal(("twilio", AccountSid, false), (set.Value.Provider, set.Value.AccountSid, set.Value.Replaced));
        var found = (await Host.Send(new FindTelephonyCredentials(mine.OrganizationId, Twilio))).Value;
        Assert.NotNull(found);
        Assert.Equal(AccountSid, found.AccountSid);
        Assert.Equal(token.Value, found.AuthToken.Value);
        Assert.DoesNotContain(token.Value, found.ToString(), StringComparison.Ordinal);
        Assert.Null((await Host.Send(new FindTelephonyCredentials(theirs.OrganizationId, Twilio))).Value);
        Assert.Null((await Host.Send(new FindTelephonyCredentials(mine.OrganizationId, CallMode.Of("cloudonix")))).Value);
    }

    [Fact]
    public async Task SettingAgain_ReplacesTheCredentials_InTheSameRow()
    {
        var tenant = await Host.CreateTenantAsync();
        await Host.Send(new SetTelephonyCredentials(tenant.OrganizationId, "twilio", AccountSid, NewToken()));
        var rotated = NewToken();

        var set = await Host.Send(new SetTelephonyCredentials(tenant.OrganizationId, "twilio", "AC" + new string('f', 32), rotated));

        Assert.True(set.Value.Replaced);
        var found = (await Host.Send(new FindTelephonyCredentials(tenant.OrganizationId, Twilio))).Value!;
        Assert.Equal(("AC" + new string('f', 32), rotated.Value), (found.AccountSid, found.AuthToken.Value));
        Assert.Equal(1, await Host.Query(db => db.TelephonyAccounts.CountAsync(a => a.OrganizationId == tenant.OrganizationId)));
    }

    [Fact]
    public async Task MissingOrganization_IsNotFound()
    {
        var set = await Host.Send(new SetTelephonyCredentials(Guid.CreateVersion7(), "twilio", AccountSid, NewToken()));

        Assert.Equal(ErrorKind.NotFound, set.Error?.Kind);
    }

    [Theory]
    [InlineData("nonesuch", AccountSid, "tok", "Provider")]
    [InlineData("", AccountSid, "tok", "Provider")]
    [InlineData("twilio", "../../Messages", "tok", "Account SID")]
    [InlineData("twilio", "", "tok", "Account SID")]
    [InlineData("twilio", AccountSid, " ", "Auth token")]
    public async Task InvalidInput_IsAValidationError_ThatNeverEchoesIt(string provider, string accountSid, string token, string named)
    {
        var tenant = await Host.CreateTenantAsync();

        var set = await Host.Send(new SetTelephonyCredentials(tenant.OrganizationId, provider, accountSid, new Secret(token)));

        Assert.Equal(ErrorKind.Validation, set.Error?.Kind);
        Assert.StartsWith(named, set.Error!.Message, StringComparison.Ordinal);
        if (accountSid.Length > 2) Assert.DoesNotContain(accountSid, set.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OverlongToken_IsRefused()
    {
        var tenant = await Host.CreateTenantAsync();

        var set = await Host.Send(new SetTelephonyCredentials(tenant.OrganizationId, "twilio", AccountSid, new Secret(new string('x', 257))));

        Assert.Equal(ErrorKind.Validation, set.Error?.Kind);
    }

    [Fact]
    public async Task TheToken_IsNeverInTheDatabaseFile_NorInTheLogs_ButTheKeyRingIsInTheDatabase()
    {
        var tenant = await Host.CreateTenantAsync();
        var token = NewToken();
        await Host.Send(new SetTelephonyCredentials(tenant.OrganizationId, "twilio", AccountSid, token));
        Assert.Equal(token.Value, (await Host.Send(new FindTelephonyCredentials(tenant.OrganizationId, Twilio))).Value!.AuthToken.Value);

        await Host.Query(db => db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(FULL);"));
        var database = ((SqliteTestDatabase)fixture.Database).ReadAllFiles();
        Assert.Equal(-1, IndexOf(database, token.Value));
        Assert.NotEqual(-1, IndexOf(database, AccountSid)); // the search works: the account SID is stored in clear
        Assert.True(await Host.Query(db => db.DataProtectionKeys.AnyAsync()));

        var logs = Host.Logs.Entries.ToList();
        Assert.DoesNotContain(logs, l => l.Contains(token.Value, StringComparison.Ordinal));
        // Data Protection logs each key's XML (its master key) at debug level as it reads the ring: held back.
        Assert.DoesNotContain(logs, l => l.Contains("masterKey", StringComparison.OrdinalIgnoreCase));
    }

    private static int IndexOf(byte[] haystack, string needle)
    {
        foreach (var encoding in new Encoding[] { Encoding.UTF8, Encoding.Unicode })
        {
            var index = haystack.AsSpan().IndexOf(encoding.GetBytes(needle));
            if (index >= 0) return index;
        }

        return -1;
    }
}
