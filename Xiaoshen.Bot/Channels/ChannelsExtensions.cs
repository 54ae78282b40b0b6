using Xiaoshen.Bot.Channels.BotFramework;

namespace Xiaoshen.Bot.Channels;

/// <summary>Every channel: one line each.</summary>
internal static class ChannelsExtensions
{
    public static IHostApplicationBuilder AddChannels(this IHostApplicationBuilder builder)
    {
        builder.AddBotFramework();
        return builder;
    }

    public static IEndpointRouteBuilder MapChannelEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapBotFrameworkEndpoints();
        return app;
    }
}
