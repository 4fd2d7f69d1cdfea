using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanAgent.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddRunListSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CalledNumber",
                table: "WorkflowRuns",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CallerNumber",
                table: "WorkflowRuns",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);

            // Runs made before these columns: their numbers are in the initial context's JSON.
            migrationBuilder.Sql("UPDATE [WorkflowRuns] SET [CallerNumber] = LEFT(NULLIF(JSON_VALUE([InitialContext], '$.caller_number'), ''), 128), [CalledNumber] = LEFT(NULLIF(JSON_VALUE([InitialContext], '$.called_number'), ''), 128);");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowRuns_AgentId_CallerNumber",
                table: "WorkflowRuns",
                columns: new[] { "AgentId", "CallerNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowRuns_AgentId_DurationSeconds",
                table: "WorkflowRuns",
                columns: new[] { "AgentId", "DurationSeconds" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowRuns_AgentId_EndReason_CreatedAt",
                table: "WorkflowRuns",
                columns: new[] { "AgentId", "EndReason", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowRuns_AgentId_State_CreatedAt",
                table: "WorkflowRuns",
                columns: new[] { "AgentId", "State", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkflowRuns_AgentId_CallerNumber",
                table: "WorkflowRuns");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowRuns_AgentId_DurationSeconds",
                table: "WorkflowRuns");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowRuns_AgentId_EndReason_CreatedAt",
                table: "WorkflowRuns");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowRuns_AgentId_State_CreatedAt",
                table: "WorkflowRuns");

            migrationBuilder.DropColumn(
                name: "CalledNumber",
                table: "WorkflowRuns");

            migrationBuilder.DropColumn(
                name: "CallerNumber",
                table: "WorkflowRuns");
        }
    }
}
