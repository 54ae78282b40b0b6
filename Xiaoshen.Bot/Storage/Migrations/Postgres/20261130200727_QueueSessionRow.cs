using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Xiaoshen.Bot.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class QueueSessionRow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastAgentAt",
                table: "HandoffSessions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastPersonAt",
                table: "HandoffSessions",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<int>(
                name: "PersonMessagesUnseen",
                table: "HandoffSessions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RatingOpenUntil",
                table: "HandoffSessions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RemindedAt",
                table: "HandoffSessions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ToldAt",
                table: "HandoffSessions",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "HandoffSessions",
                type: "bigint",
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
