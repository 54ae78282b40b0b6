using Microsoft.EntityFrameworkCore;

namespace Xiaoshen.Bot.Booking;

/// <summary>The tables of in-person help bookings, in the one model of <see cref="Storage.XiaoshenDbContext"/>.</summary>
internal static class BookingModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CentreBooking>(booking =>
        {
            booking.HasKey(b => b.Id);
            booking.Property(b => b.Id).ValueGeneratedNever();
            booking.Property(b => b.Code).HasMaxLength(16);
            booking.HasIndex(b => b.Code).IsUnique();
            booking.Property(b => b.CentreId).HasMaxLength(64);
            booking.Property(b => b.MatterId).HasMaxLength(128);
            booking.Property(b => b.Half).HasConversion<string>().HasMaxLength(16);
            booking.Property(b => b.Leader).HasMaxLength(64);
            booking.Property(b => b.Channel).HasMaxLength(64);
            booking.Property(b => b.PersonKey).HasMaxLength(512);
            booking.Property(b => b.Status).HasConversion<string>().HasMaxLength(16);
            booking.Property(b => b.MarkedBy).HasMaxLength(128);
            booking.Property(b => b.ReminderResult).HasMaxLength(500);
            booking.HasIndex(b => new { b.CentreId, b.Date });
            booking.HasIndex(b => new { b.PersonKey, b.Status });

            // At most the allowed open bookings per person and matter, held by the database (closed bookings have no seat).
            booking.HasIndex(b => new { b.PersonKey, b.MatterId, b.OpenSeat }).IsUnique();
            booking.HasIndex(b => new { b.Date, b.Status });
        });
        modelBuilder.Entity<SlotCount>(slot =>
        {
            slot.HasKey(s => new { s.CentreId, s.Date, s.Half, s.Leader });
            slot.Property(s => s.CentreId).HasMaxLength(64);
            slot.Property(s => s.Half).HasConversion<string>().HasMaxLength(16);
            slot.Property(s => s.Leader).HasMaxLength(64);
        });
    }
}
