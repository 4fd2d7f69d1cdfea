using CleanAgent.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanAgent.Infrastructure.Persistence.Configurations;

internal sealed class OrganizationProviderSettingsConfiguration : IEntityTypeConfiguration<OrganizationProviderSettings>
{
    public void Configure(EntityTypeBuilder<OrganizationProviderSettings> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Stage).HasMaxLength(8).IsUnicode(false).IsRequired();
        builder.Property(s => s.BaseUrl).HasMaxLength(OrganizationProviderSettings.MaxUrlLength);
        builder.Property(s => s.Model).HasMaxLength(OrganizationProviderSettings.MaxNameLength);
        builder.Property(s => s.Voice).HasMaxLength(OrganizationProviderSettings.MaxNameLength);
        builder.Property(s => s.Language).HasMaxLength(OrganizationProviderSettings.MaxNameLength);
        builder.Property(s => s.Provider).HasMaxLength(OrganizationProviderSettings.MaxNameLength);
        builder.Property(s => s.ProtectedApiKey).HasMaxLength(OrganizationProviderSettings.MaxProtectedApiKeyLength).IsUnicode(false);

        // One row per organization and stage; it is also each voice call's lookup at admission.
        builder.HasIndex(s => new { s.OrganizationId, s.Stage }).IsUnique();
        builder.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}
