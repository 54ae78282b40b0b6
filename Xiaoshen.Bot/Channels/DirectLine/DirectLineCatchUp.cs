using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Cluster;
using Xiaoshen.Bot.Hosting;

namespace Xiaoshen.Bot.Channels.DirectLine;

/// <summary>
/// With several nodes: wakes this node's copy of a Direct Line conversation when another node announces new activities
/// on the <see cref="IChangeFeed"/>, and every <see cref="DirectLineOptions.CatchUpSeconds"/> looks in the database for
/// conversations with a stream open here, so a notice lost by pub/sub delays a message, never loses it.
/// </summary>
internal sealed partial class DirectLineCatchUp(DirectLineConversations conversations, IChangeFeed feed, IOptions<DirectLineOptions> options, TimeProvider time, ILogger<DirectLineCatchUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = feed.Subscribe(ChangeTopics.DirectLine, conversations.Heard);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.CatchUpSeconds), time);
        await BackgroundPass.RepeatAsync(
            timer,
            conversations.CatchUpStreamingAsync,
            LogCheckFailed,
            stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for Direct Line activities of other nodes failed; the next check tries again")]
    private partial void LogCheckFailed(Exception exception);
}
