using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Cluster;

namespace Xiaoshen.Bot.Channels.DirectLine;

/// <summary>
/// With several nodes: wakes this node's copy of a Direct Line conversation when another node announces new activities
/// on the <see cref="IChangeFeed"/>, and every <see cref="DirectLineOptions.CatchUpSeconds"/> looks in the database for
/// conversations with a stream open here, so a notice lost by pub/sub delays a message, never loses it.
/// </summary>
internal sealed class DirectLineCatchUp(DirectLineConversations conversations, IChangeFeed feed, IOptions<DirectLineOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = feed.Subscribe(ChangeTopics.DirectLine, conversations.Heard);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.CatchUpSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await Task.WhenAll(conversations.Streaming().Select(c => conversations.CatchUpQuietlyAsync(c, int.MaxValue)));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }
}
