using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Cluster;
using Xiaoshen.Bot.Hosting;

namespace Xiaoshen.Bot.Channels.DirectLine;

/// <summary>Registers the Direct Line 3.0-compatible channel.</summary>
internal static class DirectLineExtensions
{
    public static IHostApplicationBuilder AddDirectLine(this IHostApplicationBuilder builder)
    {
        var severalNodes = builder.UsesRedis();
        builder.Services.AddOptions<DirectLineOptions>()
            .BindConfiguration(DirectLineOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(
                o => !severalNodes || !string.IsNullOrWhiteSpace(o.Secret),
                "DirectLine:Secret is not set but Redis:Configuration is: with several nodes each would generate a secret of its own "
                + "and refuse the others' tokens. Set the same DirectLine:Secret (a long random value) on every node.")
            .ValidateOnStart();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<DirectLineTokens>();
        builder.Services.AddSingleton<DirectLineConversations>();
        if (severalNodes)
        {
            builder.Services.AddHostedService<DirectLineCatchUp>();
        }

        builder.Services.AddSingleton<DirectLineAdapter>(services =>
        {
            var adapter = new DirectLineAdapter(services.GetRequiredService<ILogger<DirectLineAdapter>>());
            adapter.OnTurnError = BotFramework.BotFrameworkExtensions.TurnErrorHandler(services);
            return adapter;
        });
        builder.Services.AddSingleton<DirectLineBridge>();
        builder.Services.AddSingleton<IChannelAdapter, DirectLineChannelAdapter>();
        builder.Services.AddSingleton<DirectLineEvents>();
        builder.Services.AddSingleton<DirectLineEventSender>();

        // Streams of clients that vanished without closing are found by pings and closed, so they stop counting.
        builder.Services.Configure<WebSocketOptions>(o =>
        {
            o.KeepAliveInterval = TimeSpan.FromSeconds(30);
            o.KeepAliveTimeout = TimeSpan.FromSeconds(30);
        });

        // Posts and uploads are limited per conversation (a token is bound to one), whatever address or node they come from.
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(DirectLineEndpoints.PostRateLimit, http => PerConversation(http, DirectLineEndpoints.PostRateLimit, o => o.PostsPerMinute));
            limiter.AddPolicy(DirectLineEndpoints.UploadRateLimit, http => PerConversation(http, DirectLineEndpoints.UploadRateLimit, o => o.UploadsPerMinute));
        });
        return builder;
    }

    private static RateLimitPartition<string> PerConversation(HttpContext http, string policy, Func<DirectLineOptions, int> permits)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<DirectLineOptions>>().Value;
        var tokens = http.RequestServices.GetRequiredService<DirectLineTokens>();
        var bearer = DirectLineTokens.BearerOf(http.Request);
        var conversation = http.Request.RouteValues.GetValueOrDefault("conversationId") as string;

        // Only a caller allowed into the conversation spends its permits; anyone else is counted by address.
        var key = conversation is not null && (tokens.IsSecret(bearer) || tokens.Validate(bearer)?.Conversation == conversation)
            ? "conversation:" + conversation
            : "address:" + ClientAddress.Of(http);
        return SharedWindowLimiter.PerMinute(http, policy, key, permits(options));
    }
}
