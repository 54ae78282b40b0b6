using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Xiaoshen.Bot.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RatingCommentWanted : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CommentWantedUntil",
                table: "HandoffSessions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "CommentWantedUntil",
                table: "BotRatings",
                type: "INTEGER",
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
