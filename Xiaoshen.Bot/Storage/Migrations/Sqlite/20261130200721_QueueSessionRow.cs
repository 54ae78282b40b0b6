using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Xiaoshen.Bot.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class QueueSessionRow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "LastAgentAt",
                table: "HandoffSessions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastPersonAt",
                table: "HandoffSessions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "PersonMessagesUnseen",
                table: "HandoffSessions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "RatingOpenUntil",
                table: "HandoffSessions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RemindedAt",
                table: "HandoffSessions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ToldAt",
                table: "HandoffSessions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "HandoffSessions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Rows from before: their people are counted as having last written (and been told) when they were queued.
            migrationBuilder.Sql("UPDATE \"HandoffSessions\" SET \"LastPersonAt\" = \"QueuedAt\", \"ToldAt\" = \"QueuedAt\"");

            migrationBuilder.CreateIndex(
                name: "IX_HandoffSessions_Open_Agent",
                table: "HandoffSessions",
                column: "HumanAgentId",
                filter: "\"EndedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_HandoffSessions_Open_Queue",
                table: "HandoffSessions",
                columns: new[] { "DepartmentId", "QueuedAt" },
                filter: "\"EndedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_HandoffSessions_Open_Agent",
                table: "HandoffSessions");

            migrationBuilder.DropIndex(
                name: "IX_HandoffSessions_Open_Queue",
                table: "HandoffSessions");

            migrationBuilder.DropColumn(
                name: "LastAgentAt",
                table: "HandoffSessions");

            migrationBuilder.DropColumn(
                name: "LastPersonAt",
                table: "HandoffSessions");

            migrationBuilder.DropColumn(
                name: "PersonMessagesUnseen",
                table: "HandoffSessions");

            migrationBuilder.DropColumn(
                name: "RatingOpenUntil",
                table: "HandoffSessions");

            migrationBuilder.DropColumn(
                name: "RemindedAt",
                table: "HandoffSessions");

            migrationBuilder.DropColumn(
                name: "ToldAt",
                table: "HandoffSessions");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "HandoffSessions");
        }
    }
}
