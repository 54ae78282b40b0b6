using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Xiaoshen.Bot.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EditorsKnowledgeLoop : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BuildEvaluations",
                columns: table => new
                {
                    BuildId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Set = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Questions = table.Column<int>(type: "INTEGER", nullable: false),
                    AnsweredCorrect = table.Column<double>(type: "REAL", nullable: false),
                    AnsweredWrong = table.Column<double>(type: "REAL", nullable: false),
                    Fallback = table.Column<double>(type: "REAL", nullable: false),
                    Top3 = table.Column<double>(type: "REAL", nullable: false),
                    OosRejected = table.Column<double>(type: "REAL", nullable: false),
                    AnsweredWrongOfAll = table.Column<double>(type: "REAL", nullable: false),
                    ElapsedMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BuildEvaluations", x => new { x.BuildId, x.Set });
                });

            migrationBuilder.CreateTable(
                name: "ContentEdits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    HumanAgentId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Wording = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MatterId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    FaqNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    File = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Covers = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    BuildId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentEdits", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BuildEvaluations_At",
                table: "BuildEvaluations",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_ContentEdits_At",
                table: "ContentEdits",
                column: "At");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BuildEvaluations");

            migrationBuilder.DropTable(
                name: "ContentEdits");
        }
    }
}
