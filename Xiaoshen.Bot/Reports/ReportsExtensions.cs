using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Reports;

/// <summary>Registers the supervisors' reports: the episode projection with its stored days and their filler, the figures and the <c>/api/reports</c> endpoints.</summary>
internal static class ReportsExtensions
{
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReportsOptions>()
            .BindConfiguration(ReportsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<LiveEpisodes>();
        builder.Services.AddSingleton<StoredDays>();
        builder.Services.AddSingleton<EpisodeProjection>();
        builder.Services.AddSingleton<ReportDaysInvalidation>();
        builder.Services.AddSingleton<IRetentionTarget, ReportsRetention>();
        builder.Services.AddHostedService<ReportDaysFiller>();
        builder.Services.AddSingleton<SupervisorReports>();
        builder.Services.AddSingleton<BadRatingFollowUps>();
        return builder;
    }
}
