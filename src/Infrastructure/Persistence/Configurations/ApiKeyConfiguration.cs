using CleanAgent.Domain.ApiKeys;
using CleanAgent.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanAgent.Infrastructure.Persistence.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.Name).HasMaxLength(200).IsRequired();
        builder.Property(k => k.KeyHash).HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.Property(k => k.DisplayPrefix).HasMaxLength(16).IsUnicode(false).IsRequired();
        builder.Ignore(k => k.IsActive);
        builder.HasIndex(k => k.KeyHash).IsUnique();
        builder.HasOne<Organization>().WithMany().HasForeignKey(k => k.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}
