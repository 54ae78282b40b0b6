namespace Xiaoshen.Bot.Channels.DirectLine;

/// <summary>Registers the Direct Line 3.0-compatible channel.</summary>
internal static class DirectLineExtensions
{
    public static IHostApplicationBuilder AddDirectLine(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DirectLineOptions>()
            .BindConfiguration(DirectLineOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<DirectLineTokens>();
        builder.Services.AddSingleton<DirectLineConversations>();
        builder.Services.AddSingleton<AttachmentStore>();
        builder.Services.AddSingleton<Storage.IRetentionTarget>(services => services.GetRequiredService<AttachmentStore>());
        builder.Services.AddSingleton<DirectLineAdapter>(services =>
        {
            var adapter = new DirectLineAdapter(services.GetRequiredService<ILogger<DirectLineAdapter>>());
            adapter.OnTurnError = BotFramework.BotFrameworkExtensions.TurnErrorHandler(services);
            return adapter;
        });
        builder.Services.AddSingleton<DirectLineBridge>();
        builder.Services.AddSingleton<IChannelAdapter, DirectLineChannelAdapter>();
        return builder;
    }
}
