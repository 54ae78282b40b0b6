using Microsoft.Extensions.DependencyInjection;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Tests.Api;

namespace Xiaoshen.Tests.Cluster;

/// <summary>
/// issue 13: behind a load balancer without sticky sessions, a person's messages reach whichever node; the follow-up
/// question is answered in the context of the person's last message, whichever node took it. Two in-process hosts on
/// one SQLite file and one Redis.
/// </summary>
public sealed class DialogStateNodesTests
{
    [RedisFact]
    public async Task AFollowUpOnOneNodeIsAnsweredInTheContextSetOnTheOther()
    {
        using var deployment = new RedisDeployment();
        using var nodeA = deployment.Join(new BotApiFactory());
        using var nodeB = deployment.Join(BotApiFactory.On(nodeA.Content));
        var id = Guid.NewGuid().ToString("N");
        var onA = new BotClient(nodeA.CreateClient(), id);
        var onB = new BotClient(nodeB.CreateClient(), id);

        // Node A has the conversation in hand (and in its memory) first; then the person changes the subject on node B.
        await onA.SayAsync("退休了公积金怎么取");
        await onA.SayAsync("有帮助");
        var changed = await onB.SayAsync("社保卡丢了怎么补办");
        Assert.Contains(changed, a => a.Text.Contains("社保卡", StringComparison.Ordinal));
        await nodeB.Services.GetRequiredService<StorageWriter>().FlushAsync();

        var followUp = await onA.SayAsync("需要带什么材料");

        var answer = string.Join("\n", followUp.Select(a => a.Text));
        Assert.Contains("社会保障卡", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("公积金", answer, StringComparison.Ordinal);
    }
}
