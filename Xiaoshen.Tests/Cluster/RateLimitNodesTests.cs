using System.Net;
using System.Text.Json.Nodes;
using Xiaoshen.Tests.Api;

namespace Xiaoshen.Tests.Cluster;

/// <summary>
/// issue 13: the rate limiter policies count for the deployment, so N requests a minute is N whichever nodes the load
/// balancer picks, and the refusal is the same 429 with Retry-After on each. Two in-process hosts on one Redis.
/// </summary>
public sealed class RateLimitNodesTests
{
    private const string Address = "203.0.113.7";

    [RedisFact]
    public async Task TokenRequestsSplitOverTwoNodesShareOneLimit()
    {
        using var deployment = new RedisDeployment();
        using var nodeA = Node(deployment.Join(new BotApiFactory())).WithSetting("DirectLine:TokenRequestsPerMinute", "4");
        using var nodeB = Node(deployment.Join(BotApiFactory.On(nodeA.Content))).WithSetting("DirectLine:TokenRequestsPerMinute", "4");

        var allowed = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await TokenAsync(i % 2 == 0 ? nodeA : nodeB, Address);
            allowed.Add(response.StatusCode);
        }

        using var nextOnA = await TokenAsync(nodeA, Address);
        using var nextOnB = await TokenAsync(nodeB, Address);
        using var otherAddress = await TokenAsync(nodeB, "203.0.113.8");

        Assert.All(allowed, status => Assert.Equal(HttpStatusCode.OK, status));
        foreach (var refused in new[] { nextOnA, nextOnB })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.InRange(refused.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);
        }

        Assert.Equal(HttpStatusCode.OK, otherAddress.StatusCode);
    }

    [RedisFact]
    public async Task PostsOfOneConversationThroughTwoNodesShareOneLimit()
    {
        using var deployment = new RedisDeployment();
        using var nodeA = Node(deployment.Join(new BotApiFactory())).WithSetting("DirectLine:PostsPerMinute", "3");
        using var nodeB = Node(deployment.Join(BotApiFactory.On(nodeA.Content))).WithSetting("DirectLine:PostsPerMinute", "3");
        var onA = await new DirectLineClient(nodeA.CreateClient()).StartAsync();
        var onB = new DirectLineClient(nodeB.CreateClient()) { Token = onA.Token, ConversationId = onA.ConversationId };

        var statuses = new List<HttpStatusCode>();
        foreach (var client in new[] { onA, onB, onA, onB })
        {
            using var response = await client.PostRawAsync(new JsonObject { ["type"] = "message", ["text"] = "你好", ["from"] = new JsonObject { ["id"] = "dl_test" } });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    private static BotApiFactory Node(BotApiFactory host) => DirectLineClient.Configure(host).WithRemoteAddresses();

    private static async Task<HttpResponseMessage> TokenAsync(BotApiFactory node, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webchat/token");
        request.Headers.Add(RemoteAddressFilter.Header, address);
        return await node.CreateClient().SendAsync(request);
    }
}
