using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanAgent.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RunListOrderAndCallerIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkflowRuns_AgentId_CallerNumber",
                table: "WorkflowRuns");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowRuns_AgentId_CreatedAt",
                table: "WorkflowRuns");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowRuns_AgentId_State_CreatedAt",
                table: "WorkflowRuns");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowRuns_AgentId_CreatedAt_Id",
                table: "WorkflowRuns",
                columns: new[] { "AgentId", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowRuns_AgentId_State_CallerNumber",
                table: "WorkflowRuns",
                columns: new[] { "AgentId", "State", "CallerNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowRuns_AgentId_State_CreatedAt_Id",
                table: "WorkflowRuns",
                columns: new[] { "AgentId", "State", "CreatedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkflowRuns_AgentId_CreatedAt_Id",
                table: "WorkflowRuns");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowRuns_AgentId_State_CallerNumber",
                table: "WorkflowRuns");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowRuns_AgentId_State_CreatedAt_Id",
                table: "WorkflowRuns");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowRuns_AgentId_CallerNumber",
                table: "WorkflowRuns",
                columns: new[] { "AgentId", "CallerNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowRuns_AgentId_CreatedAt",
                table: "WorkflowRuns",
                columns: new[] { "AgentId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowRuns_AgentId_State_CreatedAt",
                table: "WorkflowRuns",
                columns: new[] { "AgentId", "State", "CreatedAt" });
        }
    }
}
