using CleanAgent.Domain.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanAgent.Infrastructure.Persistence.Configurations;

// What a run keeps beside its row. Each table's key starts with the run id, so one run's records are one range of the
// primary key (clustered on SQL Server): "one run whole" is a handful of seeks, and a run list never reads them.

internal sealed class RunTranscriptTurnConfiguration : IEntityTypeConfiguration<RunTranscriptTurn>
{
    public void Configure(EntityTypeBuilder<RunTranscriptTurn> builder)
    {
        builder.HasKey(t => new { t.RunId, t.Sequence });
        builder.Property(t => t.Speaker)
            .HasConversion(s => s.ToString().ToLowerInvariant(), s => Enum.Parse<TurnSpeaker>(s, true))
            .HasMaxLength(8).IsUnicode(false);
        builder.Property(t => t.Text).HasMaxLength(RunTranscriptTurn.MaxTextLength).IsRequired();
        builder.Property(t => t.NodeId).HasMaxLength(RunNodeVisit.MaxNodeIdLength);
        builder.HasOne<WorkflowRun>().WithMany().HasForeignKey(t => t.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RunNodeVisitConfiguration : IEntityTypeConfiguration<RunNodeVisit>
{
    public void Configure(EntityTypeBuilder<RunNodeVisit> builder)
    {
        builder.HasKey(v => new { v.RunId, v.Sequence });
        builder.Property(v => v.NodeId).HasMaxLength(RunNodeVisit.MaxNodeIdLength).IsRequired();
        builder.Property(v => v.NodeName).HasMaxLength(RunNodeVisit.MaxNodeNameLength).IsRequired();
        builder.HasOne<WorkflowRun>().WithMany().HasForeignKey(v => v.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RunTurnLatencyConfiguration : IEntityTypeConfiguration<RunTurnLatency>
{
    public void Configure(EntityTypeBuilder<RunTurnLatency> builder)
    {
        builder.HasKey(l => new { l.RunId, l.Sequence });
        builder.HasOne<WorkflowRun>().WithMany().HasForeignKey(l => l.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RunProviderUsageConfiguration : IEntityTypeConfiguration<RunProviderUsage>
{
    public void Configure(EntityTypeBuilder<RunProviderUsage> builder)
    {
        // One row of totals per (run, stage, provider, model): the key is the upsert's lookup.
        builder.HasKey(u => new { u.RunId, u.Stage, u.Provider, u.Model });
        builder.Property(u => u.Stage)
            .HasConversion(s => RunProviderUsage.CodeOf(s), code => RunProviderUsage.StageOf(code))
            .HasMaxLength(8).IsUnicode(false);
        builder.Property(u => u.Provider).HasMaxLength(RunProviderUsage.MaxProviderLength).IsUnicode(false);
        builder.Property(u => u.Model).HasMaxLength(RunProviderUsage.MaxModelLength);
        builder.HasOne<WorkflowRun>().WithMany().HasForeignKey(u => u.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
