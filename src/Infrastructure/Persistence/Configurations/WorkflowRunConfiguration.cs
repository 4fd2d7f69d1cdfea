using CleanAgent.Domain.Agents;
using CleanAgent.Domain.Organizations;
using CleanAgent.Domain.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanAgent.Infrastructure.Persistence.Configurations;

internal sealed class WorkflowRunConfiguration : IEntityTypeConfiguration<WorkflowRun>
{
    public void Configure(EntityTypeBuilder<WorkflowRun> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Name).HasMaxLength(15).IsUnicode(false).IsRequired();
        builder.HasIndex(r => r.Name).IsUnique();

        // Readable in the database, as the contract spells them: created, running, completed, failed.
        builder.Property(r => r.State)
            .HasConversion(s => s.ToString().ToLowerInvariant(), s => Enum.Parse<WorkflowRunState>(s, true))
            .HasMaxLength(16).IsUnicode(false);
        // Typed in the model, stored as the codes operators read and filter on. A code this version does not know (a
        // newer server's, in a shared database) reads as a server error rather than failing the whole query.
        builder.Property(r => r.EndReason)
            .HasConversion(r => r!.Code, code => RunEndReason.FromCode(code) ?? RunEndReason.ServerError)
            .HasMaxLength(64).IsUnicode(false);
        builder.Property(r => r.CallType)
            .HasConversion(t => t.ToString().ToLowerInvariant(), t => Enum.Parse<CallType>(t, true))
            .HasMaxLength(16).IsUnicode(false).IsRequired();
        builder.Property(r => r.Mode)
            .HasConversion(m => m.Name, name => CallMode.Of(name))
            .HasMaxLength(CallMode.MaxLength).IsUnicode(false).IsRequired();

        builder.Property(r => r.RecordingPath).HasMaxLength(WorkflowRun.MaxRecordingPathLength);
        builder.Property(r => r.CallerNumber).HasMaxLength(WorkflowRun.MaxNumberLength);
        builder.Property(r => r.CalledNumber).HasMaxLength(WorkflowRun.MaxNumberLength);

        builder.Ignore(r => r.InitialContext);
        builder.Ignore(r => r.GatheredContext);
        builder.Ignore(r => r.IsEnded);
        builder.Property<Dictionary<string, string>>("_initialContext").HasColumnName("InitialContext").HasJsonConversion().IsRequired();
        builder.Property<Dictionary<string, string>>("_gatheredContext").HasColumnName("GatheredContext").HasJsonConversion().IsRequired();

        builder.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agent>().WithMany().HasForeignKey(r => r.AgentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AgentVersion>().WithMany().HasForeignKey(r => r.AgentVersionId).OnDelete(DeleteBehavior.Restrict);

        // The run list (an agent's runs, newest first, a page at a time) and its filters and sorts: each one an index
        // that starts with the agent, so a page of a million-run table is a short range scan, not a sort of all.
        // Newest first is (createdAt, id) descending: with the id in the index a late page skips index entries only,
        // not rows (SQLite's indexes carry the rowid, not the text key).
        builder.HasIndex(r => new { r.AgentId, r.CreatedAt, r.Id });
        builder.HasIndex(r => new { r.AgentId, r.State, r.CreatedAt, r.Id });
        builder.HasIndex(r => new { r.AgentId, r.State, r.DurationSeconds }); // the dashboard's "completed, longest first"
        builder.HasIndex(r => new { r.AgentId, r.EndReason, r.CreatedAt });
        builder.HasIndex(r => new { r.AgentId, r.DurationSeconds });
        // A caller search (a substring: no index seeks it) counts its matches in this index alone, with or without a state.
        builder.HasIndex(r => new { r.AgentId, r.State, r.CallerNumber });
        builder.HasIndex(r => new { r.OrganizationId, r.StartedAt });
        builder.HasIndex(r => new { r.State, r.OwnerInstanceId });
    }
}
