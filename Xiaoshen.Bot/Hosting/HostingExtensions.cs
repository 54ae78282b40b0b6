using Microsoft.AspNetCore.Server.Kestrel.Core;
using Xiaoshen.Knowledge;

namespace Xiaoshen.Bot.Hosting;

/// <summary>Logging, problem details, health checks and path resolution shared by every feature.</summary>
internal static class HostingExtensions
{
    /// <summary>Where Kestrel listens when nothing says otherwise (the README's address).</summary>
    public const string DefaultUrls = "http://localhost:5080";

    /// <summary>
    /// True in Development and Testing, where demo accounts, an open Bot Framework endpoint and addresses taken from the
    /// request are allowed; everywhere else unsafe defaults refuse the start.
    /// </summary>
    public static bool IsDevelopmentOrTesting(this IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment("Testing");

    public static IHostApplicationBuilder AddHostingDefaults(this IHostApplicationBuilder builder)
    {
        // The address the operator chose wins: ASPNETCORE_URLS, ASPNETCORE_HTTP_PORTS (what .NET container images set),
        // Urls, --urls or Kestrel:Endpoints. A default in appsettings.json would override the ASPNETCORE_ variables,
        // and a container would listen on its own loopback only.
        if (new[] { "urls", "http_ports", "https_ports" }.All(key => string.IsNullOrEmpty(builder.Configuration[key]))
            && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.Configuration["urls"] = DefaultUrls;
        }

        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ExceptionHandler>();
        builder.Services.AddHealthChecks().AddCheck<KnowledgeHealthCheck>("knowledge");
        builder.Services.PostConfigure<KnowledgeOptions>(WorkspacePaths.Resolve);
        builder.Services.AddHostedService<StartupBanner>();
        builder.AddPublicEndpoint();
        builder.AddKeyRing();

        // No product banner in responses; HSTS (sent outside Development, on https) tells browsers to stay on https.
        builder.Services.Configure<KestrelServerOptions>(o => o.AddServerHeader = false);
        builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));

        // Browser tests drive a real process at a chosen office hour; only the Testing environment honours it.
        if (builder.Environment.IsEnvironment("Testing") && builder.Configuration["Testing:ClockStart"] is { Length: > 0 } start)
        {
            var startedAt = builder.Configuration["Testing:ClockStartedAt"] is { Length: > 0 } at ? DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture) : (DateTimeOffset?)null;
            builder.Services.AddSingleton<TimeProvider>(new ShiftedTimeProvider(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), startedAt));
        }

        return builder;
    }
}
