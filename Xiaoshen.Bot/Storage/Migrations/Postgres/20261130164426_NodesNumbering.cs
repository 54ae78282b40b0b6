using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Xiaoshen.Bot.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NodesNumbering : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DirectLineWatermarks",
                columns: table => new
                {
                    ConversationId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Next = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirectLineWatermarks", x => x.ConversationId);
                });

            // Logs stored before the database numbered them go on after their newest activity.
            migrationBuilder.Sql("""
                INSERT INTO "DirectLineWatermarks" ("ConversationId", "Next")
                SELECT "ConversationId", MAX("Sequence") + 1 FROM "DirectLineActivities" GROUP BY "ConversationId"
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DirectLineWatermarks");
        }
    }
}
