using Xiaoshen.Bot.Cluster;
using Xiaoshen.Bot.PreReview.Ocr;

namespace Xiaoshen.Bot.PreReview;

/// <summary>Registers material pre-review: offline OCR, the checks, the dialog and the photo retention.</summary>
internal static class PreReviewExtensions
{
    public static IHostApplicationBuilder AddPreReview(this IHostApplicationBuilder builder)
    {
        builder.AddOcr();
        var severalNodes = builder.UsesRedis();
        builder.Services.AddOptions<PreReviewOptions>()
            .BindConfiguration(PreReviewOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(
                o => !severalNodes || Path.IsPathRooted(o.StoragePath),
                "PreReview:StoragePath is relative but Redis:Configuration is set: with several nodes a photo read on one node must be "
                + "shown to staff on the others. Set PreReview:StoragePath on every node to the absolute path of one shared folder.")
            .Validate(
                o => o.CaseRetentionDays >= o.ImageRetentionDays,
                "PreReview:CaseRetentionDays is shorter than PreReview:ImageRetentionDays: a pre-review would be deleted while its photos "
                + "are still kept. Set CaseRetentionDays to at least ImageRetentionDays.")
            .ValidateOnStart();
        builder.Services.AddOptions<PreReviewMessages>()
            .BindConfiguration(PreReviewMessages.SectionName)
            .ValidateDataAnnotations()
            .Validate(m => Enum.GetNames<FindingKind>().All(m.Findings.ContainsKey), "PreReviewMessages:Findings needs a sentence for every kind of finding.")
            .ValidateOnStart();
        builder.Services.AddSingleton<PreReviewService>();
        builder.Services.AddSingleton<Booking.IPreReviewLookup, PreReviewBookingLookup>();
        builder.Services.AddScoped<PreReviewDialog>();
        builder.Services.AddHostedService<PreReviewRetention>();
        return builder;
    }
}
