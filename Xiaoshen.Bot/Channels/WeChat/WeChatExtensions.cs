using Xiaoshen.Bot.Cluster;

namespace Xiaoshen.Bot.Channels.WeChat;

/// <summary>Registers the WeChat official-account and WeCom channels.</summary>
internal static class WeChatExtensions
{
    public static IHostApplicationBuilder AddWeChat(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WeChatOptions>()
            .BindConfiguration(WeChatOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHttpClient(WeChatApiClient.HttpClientName);
        builder.Services.AddSingleton<WeChatApps>();
        builder.Services.AddSingleton<WeChatApiClient>();
        builder.Services.AddSingleton<WeChatUserStore>();
        builder.Services.AddSingleton<WeChatRenderer>();
        builder.Services.AddSingleton<WeChatAttachmentSource>();
        builder.Services.AddSingleton<IAttachmentSource>(services => services.GetRequiredService<WeChatAttachmentSource>());
        builder.Services.AddSingleton<WeChatConversations>();
        builder.Services.AddSingleton<WeChatChannelAdapter>();
        builder.Services.AddSingleton<IChannelAdapter>(services => services.GetRequiredService<WeChatChannelAdapter>());
        if (builder.UsesRedis())
        {
            builder.Services.AddSingleton<IWeChatReplayMemory, RedisWeChatReplayMemory>();
        }
        else
        {
            builder.Services.AddSingleton<IWeChatReplayMemory, InMemoryWeChatReplayMemory>();
        }

        builder.Services.AddSingleton<WeChatReplayGuard>();
        builder.Services.AddSingleton<WeChatInbox>();
        return builder;
    }
}
