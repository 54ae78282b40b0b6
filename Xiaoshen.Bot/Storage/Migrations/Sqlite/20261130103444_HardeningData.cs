using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Xiaoshen.Bot.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HardeningData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DeadLetters",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Change = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeadLetters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TicketCounters",
                columns: table => new
                {
                    Day = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Last = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TicketCounters", x => x.Day);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Turns_At",
                table: "Turns",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_DirectLineActivities_At",
                table: "DirectLineActivities",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_BotStates_UpdatedAt",
                table: "BotStates",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_DeadLetters_At",
                table: "DeadLetters",
                column: "At");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DeadLetters");

            migrationBuilder.DropTable(
                name: "TicketCounters");

            migrationBuilder.DropIndex(
                name: "IX_Turns_At",
                table: "Turns");

            migrationBuilder.DropIndex(
                name: "IX_DirectLineActivities_At",
                table: "DirectLineActivities");

            migrationBuilder.DropIndex(
                name: "IX_BotStates_UpdatedAt",
                table: "BotStates");
        }
    }
}
