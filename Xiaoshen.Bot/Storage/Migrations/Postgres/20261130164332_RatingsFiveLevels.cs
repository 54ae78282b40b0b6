using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Xiaoshen.Bot.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RatingsFiveLevels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RatedAt",
                table: "HandoffSessions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RatingScale",
                table: "HandoffSessions",
                type: "integer",
                nullable: true);

            // Ratings given on the three-level scale (满意 / 基本满意 / 不满意) keep their words, which are three of the five
            // levels of GB/T 39734-2020 under the same names; they are marked as given on a scale of 3, and rated when
            // the session ended. No old rating opens a work order: follow-up starts with the five levels.
            migrationBuilder.Sql("""
                UPDATE "HandoffSessions" SET "RatingScale" = 3, "RatedAt" = "EndedAt"
                WHERE "Rating" IN ('Satisfied', 'BasicallySatisfied', 'Dissatisfied')
                """);

            migrationBuilder.CreateTable(
                name: "BotRatings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ConversationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Channel = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    MatterId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Rating = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BotRatings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RatingFollowUps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrderId = table.Column<Guid>(type: "uuid", nullable: false),
                    ConversationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Channel = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ContactedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ContactedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Result = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RatingFollowUps", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RectificationOrders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ConversationId = table.Column<Guid>(type: "uuid", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: true),
                    DepartmentId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    MatterId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    HumanAgentId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Rating = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ContactDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FixDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    IsComplex = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    UpdatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RectificationOrders", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HandoffSessions_DepartmentId_RatedAt",
                table: "HandoffSessions",
                columns: new[] { "DepartmentId", "RatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_BotRatings_ConversationId",
                table: "BotRatings",
                column: "ConversationId");

            migrationBuilder.CreateIndex(
                name: "IX_BotRatings_RatedAt",
                table: "BotRatings",
                column: "RatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_RatingFollowUps_OrderId",
                table: "RatingFollowUps",
                column: "OrderId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RectificationOrders_DepartmentId_CreatedAt",
                table: "RectificationOrders",
                columns: new[] { "DepartmentId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RectificationOrders_DepartmentId_Status",
                table: "RectificationOrders",
                columns: new[] { "DepartmentId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_RectificationOrders_Number",
                table: "RectificationOrders",
                column: "Number",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BotRatings");

            migrationBuilder.DropTable(
                name: "RatingFollowUps");

            migrationBuilder.DropTable(
                name: "RectificationOrders");

            migrationBuilder.DropIndex(
                name: "IX_HandoffSessions_DepartmentId_RatedAt",
                table: "HandoffSessions");

            migrationBuilder.DropColumn(
                name: "RatedAt",
                table: "HandoffSessions");

            migrationBuilder.DropColumn(
                name: "RatingScale",
                table: "HandoffSessions");
        }
    }
}
