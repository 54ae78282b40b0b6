using Xiaoshen.Bot.Channels.BotFramework;
using Xiaoshen.Bot.Channels.DirectLine;
using Xiaoshen.Bot.Channels.WebChat;
using Xiaoshen.Bot.Channels.WeChat;

namespace Xiaoshen.Bot.Channels;

/// <summary>Every channel: one line each.</summary>
internal static class ChannelsExtensions
{
    public static IHostApplicationBuilder AddChannels(this IHostApplicationBuilder builder)
    {
        // Voice messages of every channel; no ISpeechToText is registered here (see its remarks).
        builder.Services.AddOptions<VoiceOptions>()
            .BindConfiguration(VoiceOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<SpeechTranscriber>();
        builder.AddBotFramework();
        builder.AddDirectLine();
        builder.AddWebChat();
        builder.AddWeChat();
        return builder;
    }

    public static IEndpointRouteBuilder MapChannelEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapBotFrameworkEndpoints();
        app.MapDirectLineEndpoints();
        app.MapWebChatEndpoints();
        app.MapWeChatEndpoints();
        return app;
    }
}
