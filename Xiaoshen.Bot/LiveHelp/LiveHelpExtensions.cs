using Xiaoshen.Bot.Channels.DirectLine;

namespace Xiaoshen.Bot.LiveHelp;

/// <summary>Registers live help in the web chat: who serves the person, and video/voice calls with an agent.</summary>
internal static class LiveHelpExtensions
{
    public static IHostApplicationBuilder AddLiveHelp(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CallOptions>()
            .BindConfiguration(CallOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IceServers>();
        builder.Services.AddSingleton<CallService>();
        builder.Services.AddSingleton<StaffNotices>();
        builder.Services.AddHostedService<LiveHelpMonitor>();
        return builder;
    }

    /// <summary>The person's side of a call arrives as Direct Line events, which go to the call service instead of the bot.</summary>
    public static IEndpointRouteBuilder MapLiveHelp(this IEndpointRouteBuilder app)
    {
        var calls = app.ServiceProvider.GetRequiredService<CallService>();
        app.ServiceProvider.GetRequiredService<DirectLineEvents>().Handle(CallService.EventName, calls.FromPersonAsync);
        return app;
    }
}
