namespace Xiaoshen.Bot.Reports;

/// <summary>Registers the supervisors' reports: the episode projection, the figures and the <c>/api/reports</c> endpoints.</summary>
internal static class ReportsExtensions
{
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReportsOptions>()
            .BindConfiguration(ReportsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<EpisodeProjection>();
        builder.Services.AddSingleton<SupervisorReports>();
        builder.Services.AddSingleton<BadRatingFollowUps>();
        return builder;
    }
}
