using System.Globalization;
using System.Security.Cryptography;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Domain.Runs;

namespace CleanAgent.Application.Runs;

/// <summary>
/// Inserts a new run under a fresh random name. Uniqueness is the database's job (unique index on the name),
/// so several server processes can name runs at once; a clash simply draws another name.
/// </summary>
internal static class NewRunWriter
{
    private const int Attempts = 8;

    public static async Task<StartedRun> InsertAsync(IAppDbContext db, Func<string, WorkflowRun> create, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var run = create(NewName());
            db.WorkflowRuns.Add(run);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new StartedRun(run.Id, run.Name);
            }
            catch (Exception ex) when (attempt < Attempts && db.IsUniqueViolation(ex))
            {
                db.Detach(run);
            }
        }
    }

    public static string NewName() =>
        WorkflowRun.NamePrefix + RandomNumberGenerator.GetInt32(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
}
