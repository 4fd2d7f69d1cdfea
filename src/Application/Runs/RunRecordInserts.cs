using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Runs;

/// <summary>
/// Saves one record of a run at its place (run id + sequence number, the table's key). The same place saved twice is
/// the same record written again (a retried write), not a second one: the key refuses it and the save counts as done.
/// </summary>
internal static class RunRecordInserts
{
    public static async Task<Result> InsertOnceAsync<TRecord>(IAppDbContext db, DbSet<TRecord> records, Guid runId, TRecord record, CancellationToken cancellationToken)
        where TRecord : class
    {
        if (!await db.WorkflowRuns.AnyAsync(r => r.Id == runId, cancellationToken)) return new Error(ErrorKind.NotFound, "Run not found.");

        records.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (db.IsUniqueViolation(ex))
        {
            db.Detach(record);
        }

        return Result.Success();
    }
}
