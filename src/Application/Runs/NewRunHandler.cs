using System.Globalization;
using System.Security.Cryptography;
using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Domain.Runs;
using Mediator;

namespace CleanAgent.Application.Runs;

/// <summary>
/// The two ways a call makes a run — admitted (<see cref="StartWorkflowRun"/>) or refused (<see cref="RecordRefusedRun"/>)
/// — inserted the same way: under a fresh random name. Uniqueness is the database's job (unique index on the name), so
/// several server processes can name runs at once; a clash simply draws another name.
/// </summary>
internal sealed class NewRunHandler(IAppDbContext db, IServerInstance instance, TimeProvider clock)
    : ICommandHandler<StartWorkflowRun, Result<StartedRun>>, ICommandHandler<RecordRefusedRun, Result<StartedRun>>
{
    private const int Attempts = 8;

    public async ValueTask<Result<StartedRun>> Handle(StartWorkflowRun command, CancellationToken cancellationToken) =>
        await InsertAsync(name => WorkflowRun.Admit(name, command.Spec, command.CapacityReservationId, instance.Id, Now), cancellationToken);

    public async ValueTask<Result<StartedRun>> Handle(RecordRefusedRun command, CancellationToken cancellationToken) =>
        await InsertAsync(name => WorkflowRun.Refuse(name, command.Spec, command.Reason, instance.Id, Now), cancellationToken);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<StartedRun> InsertAsync(Func<string, WorkflowRun> create, CancellationToken cancellationToken)
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
