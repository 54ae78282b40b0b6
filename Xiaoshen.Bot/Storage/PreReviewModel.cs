using Microsoft.EntityFrameworkCore;
using Xiaoshen.Bot.PreReview;

namespace Xiaoshen.Bot.Storage;

/// <summary>The tables of material pre-review (issue 16): one row per pre-review, one per photo.</summary>
internal static class PreReviewModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PreReviewCase>(preReview =>
        {
            preReview.HasKey(c => c.Id);
            preReview.Property(c => c.Id).ValueGeneratedNever();
            preReview.Property(c => c.Number).HasMaxLength(32);
            preReview.Property(c => c.Channel).HasMaxLength(64);
            preReview.Property(c => c.UserId).HasMaxLength(256);
            preReview.Property(c => c.MatterId).HasMaxLength(64);
            preReview.Property(c => c.DepartmentId).HasMaxLength(64);
            preReview.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
            preReview.Property(c => c.ReviewedBy).HasMaxLength(64);
            preReview.Property(c => c.ReviewNote).HasMaxLength(1000).HoldsPersonalText();
            preReview.Ignore(c => c.Findings);
            preReview.Ignore(c => c.IsOpen);
            preReview.HasIndex(c => c.Number).IsUnique();
            preReview.HasIndex(c => new { c.DepartmentId, c.Status });
            preReview.HasIndex(c => c.CreatedAt);
        });
        modelBuilder.Entity<PreReviewUpload>(upload =>
        {
            upload.HasKey(u => u.Id);
            upload.Property(u => u.Id).ValueGeneratedNever();
            upload.Property(u => u.Document).HasMaxLength(64);
            upload.Property(u => u.FileName).HasMaxLength(64);
            upload.Property(u => u.ContentType).HasMaxLength(128);
            upload.Property(u => u.OriginalName).HasMaxLength(256);
            upload.Property(u => u.SourceUrl).HasMaxLength(2048);

            // Identity, phone and card numbers are masked when the text is stored; the fields are compared first, then masked.
            upload.Property(u => u.LinesJson).HoldsPersonalJson();
            upload.Ignore(u => u.Lines);
            upload.Ignore(u => u.Reading);
            upload.HasIndex(u => new { u.CaseId, u.Number }).IsUnique();
        });
    }
}
