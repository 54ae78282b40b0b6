using System.Net;
using System.Net.Http.Json;
using StackExchange.Redis;
using Xiaoshen.Tests.Api;

namespace Xiaoshen.Tests.Cluster;

/// <summary>
/// issue 13: sign-in failures and lockouts are counted for the deployment, so two nodes give a guesser no more tries
/// than one, a lock set on one node refuses on the other, and a right password clears the account's failures on both.
/// Two in-process hosts on one SQLite file and one Redis.
/// </summary>
public sealed class SignInNodesTests : IDisposable
{
    private const string Locked = "锁定";

    private readonly RedisDeployment _deployment = new();
    private readonly List<BotApiFactory> _nodes = [];

    [RedisFact]
    public async Task FailuresOnTwoNodesAddUpToOneLockThatRefusesTheRightPasswordOnEither()
    {
        var (nodeA, nodeB) = TwoNodes();

        using var first = await SignInAsync(nodeA, "gjj01", "guess-1", "198.51.100.1");
        using var second = await SignInAsync(nodeA, "gjj01", "guess-2", "198.51.100.2");
        using var third = await SignInAsync(nodeB, "gjj01", "guess-3", "198.51.100.3");
        using var rightOnA = await SignInAsync(nodeA, "gjj01", TestAccounts.DemoPassword, "198.51.100.4");
        using var rightOnB = await SignInAsync(nodeB, "gjj01", TestAccounts.DemoPassword, "198.51.100.5");

        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        foreach (var refused in new[] { rightOnA, rightOnB })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Contains(Locked, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Contains("15 分钟", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.InRange(refused.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 14 * 60, 15 * 60);
        }
    }

    [RedisFact]
    public async Task TheRightPasswordOnOneNodeClearsTheAccountsFailuresOnTheOther()
    {
        var (nodeA, nodeB) = TwoNodes();

        using var wrong1 = await SignInAsync(nodeA, "gjj01", "guess-1", "198.51.100.1");
        using var wrong2 = await SignInAsync(nodeA, "gjj01", "guess-2", "198.51.100.2");
        using var right = await SignInAsync(nodeB, "gjj01", TestAccounts.DemoPassword, "198.51.100.3");
        using var wrong3 = await SignInAsync(nodeA, "gjj01", "guess-3", "198.51.100.4");
        using var wrong4 = await SignInAsync(nodeB, "gjj01", "guess-4", "198.51.100.5");
        using var wrong5 = await SignInAsync(nodeA, "gjj01", "guess-5", "198.51.100.6");

        Assert.Equal(HttpStatusCode.NoContent, right.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong3.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong4.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, wrong5.StatusCode);
    }

    [RedisFact]
    public async Task FailuresFromOneAddressThroughBothNodesLockThatAddressOnBoth()
    {
        var (nodeA, nodeB) = TwoNodes(maxFailuresPerAddress: 3);

        for (var i = 0; i < 3; i++)
        {
            using var wrong = await SignInAsync(i % 2 == 0 ? nodeA : nodeB, "nobody" + i, "guess", "198.51.100.7");
        }

        using var sameAddress = await SignInAsync(nodeB, "rsj01", TestAccounts.DemoPassword, "198.51.100.7");
        using var otherAddress = await SignInAsync(nodeA, "rsj01", TestAccounts.DemoPassword, "198.51.100.8");

        Assert.Equal(HttpStatusCode.TooManyRequests, sameAddress.StatusCode);
        Assert.Contains(Locked, await sameAddress.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, otherAddress.StatusCode);
    }

    [RedisFact]
    public async Task RedisHoldsNeitherTheTypedNameNorTheAddressInClear()
    {
        var (nodeA, _) = TwoNodes();

        using var wrong = await SignInAsync(nodeA, "zhangsan-13800138000", "guess", "198.51.100.77");
        using var connection = RedisDeployment.Inspector();
        var keys = RedisDeployment.KeysOf(connection, _deployment.KeyPrefix).Select(k => k.ToString()).ToList();
        var values = await Task.WhenAll(keys.Select(async k => (await connection.GetDatabase().KeyTypeAsync(k)) == RedisType.String ? (await connection.GetDatabase().StringGetAsync(k)).ToString() : string.Empty));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains(keys, k => k.Contains(":failures", StringComparison.Ordinal));
        Assert.DoesNotContain(keys.Concat(values), s => s.Contains("zhangsan", StringComparison.OrdinalIgnoreCase) || s.Contains("198.51.100", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        // Node B runs on node A's content: it goes first.
        foreach (var node in Enumerable.Reverse(_nodes))
        {
            node.Dispose();
        }

        _deployment.Dispose();
    }

    // Two hosts on one SQLite file and this test's Redis prefix; disposed with the test.
    private (BotApiFactory A, BotApiFactory B) TwoNodes(int maxFailuresPerAddress = 100)
    {
        BotApiFactory Node(BotApiFactory host)
        {
            var node = _deployment.Join(host)
                .WithSetting("SignIn:MaxFailuresPerAccount", "3")
                .WithSetting("SignIn:MaxFailuresPerAddress", maxFailuresPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .WithRemoteAddresses();
            _nodes.Add(node);
            return node;
        }

        var nodeA = Node(new BotApiFactory());
        return (nodeA, Node(BotApiFactory.On(nodeA.Content)));
    }

    private static async Task<HttpResponseMessage> SignInAsync(BotApiFactory node, string userName, string password, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/agent/sign-in") { Content = JsonContent.Create(new { userName, password }) };
        request.Headers.Add(RemoteAddressFilter.Header, address);
        return await node.CreateClient().SendAsync(request);
    }
}
