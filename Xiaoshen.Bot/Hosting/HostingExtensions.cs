using Xiaoshen.Knowledge;

namespace Xiaoshen.Bot.Hosting;

/// <summary>Logging, problem details, health checks and path resolution shared by every feature.</summary>
internal static class HostingExtensions
{
    public static IHostApplicationBuilder AddHostingDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ExceptionHandler>();
        builder.Services.AddHealthChecks().AddCheck<KnowledgeHealthCheck>("knowledge");
        builder.Services.PostConfigure<KnowledgeOptions>(WorkspacePaths.Resolve);
        builder.Services.AddHostedService<StartupBanner>();
        return builder;
    }
}
