using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Xiaoshen.Bot.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BookingCentres : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CentreBookings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CentreId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    MatterId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Half = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Leader = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PersonKey = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    MarkedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    RemindedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReminderResult = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CentreBookings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SlotCounts",
                columns: table => new
                {
                    CentreId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Half = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Leader = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Booked = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlotCounts", x => new { x.CentreId, x.Date, x.Half, x.Leader });
                });

            migrationBuilder.CreateIndex(
                name: "IX_CentreBookings_CentreId_Date",
                table: "CentreBookings",
                columns: new[] { "CentreId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_CentreBookings_Code",
                table: "CentreBookings",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CentreBookings_Date_Status",
                table: "CentreBookings",
                columns: new[] { "Date", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_CentreBookings_PersonKey_Status",
                table: "CentreBookings",
                columns: new[] { "PersonKey", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CentreBookings");

            migrationBuilder.DropTable(
                name: "SlotCounts");
        }
    }
}
