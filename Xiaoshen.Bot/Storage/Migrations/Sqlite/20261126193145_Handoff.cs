using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Xiaoshen.Bot.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Handoff : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AttachmentsJson",
                table: "Turns",
                type: "TEXT",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HumanAgentId",
                table: "Turns",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DepartmentId",
                table: "Conversations",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HumanAgentId",
                table: "Conversations",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CallbackTickets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DepartmentId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    MatterId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Question = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PreferredTime = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    HandledBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    HandledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallbackTickets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HandoffSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DepartmentId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AgentGroup = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    MatterId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TransferNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CandidatesJson = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    QueuedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EscalatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AssignedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    HumanAgentId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    FirstResponseAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Rating = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    RatingComment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HandoffSessions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HumanAgents",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Roles = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Groups = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    MaxActiveChats = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HumanAgents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Transitions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Transitions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_Status",
                table: "Conversations",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_CallbackTickets_DepartmentId_Status",
                table: "CallbackTickets",
                columns: new[] { "DepartmentId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_CallbackTickets_Number",
                table: "CallbackTickets",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HandoffSessions_ConversationId",
                table: "HandoffSessions",
                column: "ConversationId");

            migrationBuilder.CreateIndex(
                name: "IX_HandoffSessions_DepartmentId_QueuedAt",
                table: "HandoffSessions",
                columns: new[] { "DepartmentId", "QueuedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Transitions_ConversationId_At",
                table: "Transitions",
                columns: new[] { "ConversationId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CallbackTickets");

            migrationBuilder.DropTable(
                name: "HandoffSessions");

            migrationBuilder.DropTable(
                name: "HumanAgents");

            migrationBuilder.DropTable(
                name: "Transitions");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_Status",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "AttachmentsJson",
                table: "Turns");

            migrationBuilder.DropColumn(
                name: "HumanAgentId",
                table: "Turns");

            migrationBuilder.DropColumn(
                name: "DepartmentId",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "HumanAgentId",
                table: "Conversations");
        }
    }
}
