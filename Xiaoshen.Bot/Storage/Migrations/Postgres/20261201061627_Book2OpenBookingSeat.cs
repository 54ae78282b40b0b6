using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Xiaoshen.Bot.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Book2OpenBookingSeat : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "OpenSeat",
                table: "CentreBookings",
                type: "integer",
                nullable: true);

            // Bookings open before this migration get distinct seats per person and matter, so the unique index can be made.
            migrationBuilder.Sql("""
                UPDATE "CentreBookings" SET "OpenSeat" = (
                    SELECT COUNT(*) FROM "CentreBookings" AS o
                    WHERE o."PersonKey" = "CentreBookings"."PersonKey" AND o."MatterId" = "CentreBookings"."MatterId"
                      AND o."Status" IN ('Booked', 'CheckedIn') AND o."Id" <= "CentreBookings"."Id")
                WHERE "Status" IN ('Booked', 'CheckedIn')
                """);

            migrationBuilder.CreateIndex(
                name: "IX_CentreBookings_PersonKey_MatterId_OpenSeat",
                table: "CentreBookings",
                columns: new[] { "PersonKey", "MatterId", "OpenSeat" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CentreBookings_PersonKey_MatterId_OpenSeat",
                table: "CentreBookings");

            migrationBuilder.DropColumn(
                name: "OpenSeat",
                table: "CentreBookings");
        }
    }
}
