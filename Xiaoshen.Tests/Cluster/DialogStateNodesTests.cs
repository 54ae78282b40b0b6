using Microsoft.Extensions.DependencyInjection;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Tests.Api;

namespace Xiaoshen.Tests.Cluster;

/// <summary>
/// issue 13: behind a load balancer without sticky sessions, a person's messages reach whichever node; the follow-up
/// question is answered in the context of the person's last message, whichever node took it, and a file sent to one
/// node opens from the other. Two in-process hosts on one SQLite file and one Redis.
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

    [RedisFact]
    public async Task AFileSentToOneNodeOpensFromTheOther()
    {
        using var deployment = new RedisDeployment();
        using var nodeA = DirectLineClient.Configure(deployment.Join(new BotApiFactory()));
        using var nodeB = DirectLineClient.Configure(deployment.Join(BotApiFactory.On(nodeA.Content)));
        var webChat = await new DirectLineClient(nodeA.CreateClient()).StartAsync();

        await webChat.UploadAsync("营业执照.png", "image/png", DirectLineUploadTests.PngBytes);
        var (activities, _) = await webChat.ActivitiesAsync();
        var link = activities.SelectMany(a => a.TryGetProperty("attachments", out var files) ? files.EnumerateArray() : Enumerable.Empty<System.Text.Json.JsonElement>())
            .Select(f => f.GetProperty("contentUrl").GetString()!).Single();
        using var opened = await nodeB.CreateClient().GetAsync(new Uri(link).PathAndQuery);

        Assert.Equal(System.Net.HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal(DirectLineUploadTests.PngBytes, await opened.Content.ReadAsByteArrayAsync());
    }
}
