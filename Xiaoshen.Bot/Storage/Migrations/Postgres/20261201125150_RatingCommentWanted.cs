using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Xiaoshen.Bot.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RatingCommentWanted : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CommentWantedUntil",
                table: "HandoffSessions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CommentWantedUntil",
                table: "BotRatings",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CommentWantedUntil",
                table: "HandoffSessions");

            migrationBuilder.DropColumn(
                name: "CommentWantedUntil",
                table: "BotRatings");
        }
    }
}
