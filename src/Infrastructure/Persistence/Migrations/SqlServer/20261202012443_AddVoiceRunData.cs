using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanAgent.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddVoiceRunData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RecordingPath",
                table: "WorkflowRuns",
                type: "nvarchar(1024)",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "RunNodeVisits",
                columns: table => new
                {
                    RunId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Sequence = table.Column<int>(type: "int", nullable: false),
                    NodeId = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    NodeName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    AtMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RunNodeVisits", x => new { x.RunId, x.Sequence });
                    table.ForeignKey(
                        name: "FK_RunNodeVisits_WorkflowRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "WorkflowRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RunProviderUsages",
                columns: table => new
                {
                    RunId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Stage = table.Column<string>(type: "varchar(8)", unicode: false, maxLength: 8, nullable: false),
                    Provider = table.Column<string>(type: "varchar(100)", unicode: false, maxLength: 100, nullable: false),
                    Model = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    PromptTokens = table.Column<long>(type: "bigint", nullable: false),
                    CompletionTokens = table.Column<long>(type: "bigint", nullable: false),
                    Characters = table.Column<long>(type: "bigint", nullable: false),
                    AudioSeconds = table.Column<double>(type: "float", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RunProviderUsages", x => new { x.RunId, x.Stage, x.Provider, x.Model });
                    table.ForeignKey(
                        name: "FK_RunProviderUsages_WorkflowRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "WorkflowRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RunTranscriptTurns",
                columns: table => new
                {
                    RunId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Sequence = table.Column<int>(type: "int", nullable: false),
                    Speaker = table.Column<string>(type: "varchar(8)", unicode: false, maxLength: 8, nullable: false),
                    Text = table.Column<string>(type: "nvarchar(max)", maxLength: 8192, nullable: false),
                    Truncated = table.Column<bool>(type: "bit", nullable: false),
                    StartMs = table.Column<long>(type: "bigint", nullable: false),
                    EndMs = table.Column<long>(type: "bigint", nullable: false),
                    Interrupted = table.Column<bool>(type: "bit", nullable: false),
                    NodeId = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RunTranscriptTurns", x => new { x.RunId, x.Sequence });
                    table.ForeignKey(
                        name: "FK_RunTranscriptTurns_WorkflowRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "WorkflowRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RunTurnLatencies",
                columns: table => new
                {
                    RunId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Sequence = table.Column<int>(type: "int", nullable: false),
                    TurnIndex = table.Column<int>(type: "int", nullable: false),
                    TotalMs = table.Column<int>(type: "int", nullable: false),
                    SpeechToTextMs = table.Column<int>(type: "int", nullable: true),
                    LlmFirstTokenMs = table.Column<int>(type: "int", nullable: true),
                    TextToSpeechFirstByteMs = table.Column<int>(type: "int", nullable: true),
                    ServerMs = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RunTurnLatencies", x => new { x.RunId, x.Sequence });
                    table.ForeignKey(
                        name: "FK_RunTurnLatencies_WorkflowRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "WorkflowRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RunNodeVisits");

            migrationBuilder.DropTable(
                name: "RunProviderUsages");

            migrationBuilder.DropTable(
                name: "RunTranscriptTurns");

            migrationBuilder.DropTable(
                name: "RunTurnLatencies");

            migrationBuilder.DropColumn(
                name: "RecordingPath",
                table: "WorkflowRuns");
        }
    }
}
