using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Xiaoshen.Bot.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RollupStoredReportDays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReportDays",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    RulesVersion = table.Column<int>(type: "integer", nullable: false),
                    GapMinutes = table.Column<int>(type: "integer", nullable: false),
                    Token = table.Column<Guid>(type: "uuid", nullable: false),
                    Complete = table.Column<bool>(type: "boolean", nullable: false),
                    ClaimedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Episodes = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportDays", x => x.Day);
                });

            migrationBuilder.CreateTable(
                name: "ReportEpisodes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    ConversationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Channel = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DepartmentId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    MatterId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    HumanAgentId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    HandedOver = table.Column<bool>(type: "boolean", nullable: false),
                    FirstResponseTicks = table.Column<long>(type: "bigint", nullable: true),
                    WaitTicks = table.Column<long>(type: "bigint", nullable: true),
                    Rating = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    RatingComment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    TicketNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Question = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportEpisodes", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HandoffSessions_QueuedAt",
                table: "HandoffSessions",
                column: "QueuedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_At",
                table: "Feedback",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_CallbackTickets_CreatedAt",
                table: "CallbackTickets",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ReportEpisodes_Day_DepartmentId",
                table: "ReportEpisodes",
                columns: new[] { "Day", "DepartmentId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReportDays");

            migrationBuilder.DropTable(
                name: "ReportEpisodes");

            migrationBuilder.DropIndex(
                name: "IX_HandoffSessions_QueuedAt",
                table: "HandoffSessions");

            migrationBuilder.DropIndex(
                name: "IX_Feedback_At",
                table: "Feedback");

            migrationBuilder.DropIndex(
                name: "IX_CallbackTickets_CreatedAt",
                table: "CallbackTickets");
        }
    }
}
