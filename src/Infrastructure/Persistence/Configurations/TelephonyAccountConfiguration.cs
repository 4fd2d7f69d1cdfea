using CleanAgent.Domain.Organizations;
using CleanAgent.Domain.Runs;
using CleanAgent.Domain.Telephony;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanAgent.Infrastructure.Persistence.Configurations;

internal sealed class TelephonyAccountConfiguration : IEntityTypeConfiguration<TelephonyAccount>
{
    public void Configure(EntityTypeBuilder<TelephonyAccount> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Provider)
            .HasConversion(m => m.Name, name => CallMode.Of(name))
            .HasMaxLength(CallMode.MaxLength).IsUnicode(false).IsRequired();
        builder.Property(a => a.AccountSid).HasMaxLength(TelephonyAccount.MaxAccountSidLength).IsUnicode(false).IsRequired();
        builder.Property(a => a.ProtectedAuthToken).HasMaxLength(TelephonyAccount.MaxProtectedAuthTokenLength).IsUnicode(false).IsRequired();

        // One account per organization and provider; it is also the lookup of every call's admission.
        builder.HasIndex(a => new { a.OrganizationId, a.Provider }).IsUnique();
        builder.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}
