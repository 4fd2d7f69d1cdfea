using CleanAgent.Domain.Agents;
using CleanAgent.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanAgent.Infrastructure.Persistence.Configurations;

internal sealed class AgentConfiguration : IEntityTypeConfiguration<Agent>
{
    public void Configure(EntityTypeBuilder<Agent> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Name).HasMaxLength(200).IsRequired();
        builder.Property(a => a.Kind)
            .HasConversion(k => k.ToString().ToLowerInvariant(), k => Enum.Parse<AgentKind>(k, true))
            .HasMaxLength(16).IsUnicode(false).HasDefaultValue(AgentKind.Voice).HasSentinel((AgentKind)(-1));
        builder.HasIndex(a => a.Uuid).IsUnique();
        builder.HasIndex(a => a.OrganizationId);
        builder.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Versions).WithOne().HasForeignKey(v => v.AgentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Versions).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(a => a.Draft);
        builder.Ignore(a => a.Published);
        builder.Ignore(a => a.VersionForNewRun);
    }
}

internal sealed class AgentVersionConfiguration : IEntityTypeConfiguration<AgentVersion>
{
    public void Configure(EntityTypeBuilder<AgentVersion> builder)
    {
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.DefinitionJson).IsRequired();
        // Versions saved before configurations existed read as none: the server's defaults.
        builder.Property(v => v.ConfigurationsJson).IsRequired().HasDefaultValue(AgentConfigurations.Empty.Json);
        builder.HasIndex(v => new { v.AgentId, v.Number }).IsUnique();
    }
}
