using System.Text.Json;
using Xiaoshen.Tests.Api;

namespace Xiaoshen.Tests.Cluster;

/// <summary>
/// issue 13: Redis pub/sub only wakes nodes up; a notice that never arrives costs a delay, not a message. Node B hears
/// nothing from node A (its Redis prefix is another deployment's, so A's notices never reach it), yet the web-chat
/// stream a citizen holds on B still gets the bot's answer to a message posted on A, from the database, at B's next
/// check. Two in-process hosts on one SQLite file.
/// </summary>
public sealed class DirectLineCatchUpNodesTests
{
    [RedisFact]
    public async Task AStreamOnANodeThatMissedTheNoticeGetsTheAnswerAtTheNextCheck()
    {
        using var deployment = new RedisDeployment();
        using var deaf = new RedisDeployment();
        using var nodeA = DirectLineClient.Configure(deployment.Join(new BotApiFactory()));
        using var nodeB = DirectLineClient.Configure(deaf.Join(BotApiFactory.On(nodeA.Content))).WithSetting("DirectLine:CatchUpSeconds", "1");
        var citizen = await new DirectLineClient(nodeA.CreateClient()).StartAsync();
        using var socket = await nodeB.Server.CreateWebSocketClient().ConnectAsync(new Uri(citizen.StreamUrl), CancellationToken.None);
        await DirectLineClient.ReceiveAsync(socket);

        await citizen.PostAsync("社保卡丢了怎么补办");
        var received = new List<JsonElement>();
        while (!received.Any(IsAnswer))
        {
            var set = await DirectLineClient.ReceiveAsync(socket).WaitAsync(TimeSpan.FromSeconds(30));
            received.AddRange(set.GetProperty("activities").EnumerateArray());
        }

        Assert.Contains("社会保障卡", received.Last(IsAnswer).GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    private static bool IsAnswer(JsonElement activity) =>
        activity.GetProperty("from").GetProperty("role").GetString() == "bot" && activity.GetProperty("type").GetString() == "message";
}
