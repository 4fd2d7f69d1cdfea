using CleanAgent.Domain.Organizations;
using CleanAgent.Domain.Quota;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanAgent.Infrastructure.Persistence.Configurations;

internal sealed class CapacityReservationConfiguration : IEntityTypeConfiguration<CapacityReservation>
{
    public void Configure(EntityTypeBuilder<CapacityReservation> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        // The whole point of this table: one holder per (organization, slot), enforced by the database.
        builder.HasIndex(r => new { r.OrganizationId, r.Slot }).IsUnique();
        builder.HasIndex(r => r.OwnerInstanceId);
        builder.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ServerInstanceConfiguration : IEntityTypeConfiguration<Domain.Runs.ServerInstance>
{
    public void Configure(EntityTypeBuilder<Domain.Runs.ServerInstance> builder)
    {
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.MachineName).HasMaxLength(256).IsRequired();
    }
}
