using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xiaoshen.Bot.Channels.DirectLine;
using Xiaoshen.Bot.Cluster;
using Xiaoshen.Knowledge;

namespace Xiaoshen.Tests.Cluster;

/// <summary>
/// issue 13: the limit counter of one node and of several on a real Redis (held places: the stream limits), and what
/// several nodes do while Redis does not answer: each counts alone, so requests go on being served and sign-ins keep one
/// node's lockout instead of locking everyone out.
/// </summary>
public sealed class LimitCounterTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(8)));

    [Fact]
    public async Task AWindowCountsFromItsFirstEventAndStartsAgainWhenItEnds()
    {
        var counter = new InMemoryLimitCounter(_clock);

        var first = await counter.CountAsync("token/203.0.113.7", Minute, CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(45));
        var second = await counter.CountAsync("token/203.0.113.7", Minute, CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(15));
        var nextWindow = await counter.CountAsync("token/203.0.113.7", Minute, CancellationToken.None);

        Assert.Equal(new WindowCount(1, Minute), first);
        Assert.Equal(new WindowCount(2, TimeSpan.FromSeconds(15)), second);
        Assert.Equal(new WindowCount(1, Minute), nextWindow);
    }

    [Fact]
    public async Task WhenRedisDoesNotAnswerRequestsAreCountedByThisNode()
    {
        using var redis = Unreachable();
        var counter = Counter(redis);

        var counts = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            counts.Add((await counter.CountAsync("token/203.0.113.7", Minute, CancellationToken.None)).Count);
        }

        Assert.Equal([1, 2, 3], counts);
    }

    [Fact]
    public async Task WhenRedisDoesNotAnswerFailuresStillLockOnThisNodeAndOtherAccountsSignIn()
    {
        using var redis = Unreachable();
        var counter = Counter(redis);
        var lockout = TimeSpan.FromMinutes(15);

        var locks = new List<TimeSpan?>();
        for (var i = 0; i < 3; i++)
        {
            locks.Add(await counter.FailAsync("signin-account:gjj01", 3, lockout, CancellationToken.None));
        }

        Assert.Equal([null, null, lockout], locks);
        Assert.Equal([lockout, null], await counter.LockedForAsync(["signin-account:gjj01", "signin-account:rsj01"], CancellationToken.None));
    }

    [Fact]
    public async Task PlacesAreHeldUpToTheLimitOfEachKeyAllOrNoneAndFreedWhenReleased()
    {
        var counter = new InMemoryLimitCounter(_clock);

        var held = await HoldAllAsync(counter, ["s1", "s2", "s3"]);
        var fromOtherAddress = await counter.TryHoldAsync("s4", [new("conversation:c1", 2), new("address:198.51.100.2", 3)], Minute, CancellationToken.None);
        var otherConversation = await counter.TryHoldAsync("s5", Places("c2"), Minute, CancellationToken.None);
        await counter.ReleaseAsync("s1", [.. Places("c1").Select(p => p.Key)], CancellationToken.None);
        var afterRelease = await counter.TryHoldAsync("s6", Places("c1"), Minute, CancellationToken.None);

        // s3 was refused by the conversation's limit and took no place under the address: s5 found one there.
        Assert.Equal([true, true, false], held);
        Assert.False(fromOtherAddress);
        Assert.True(otherConversation);
        Assert.True(afterRelease);
    }

    [RedisFact]
    public async Task PlacesTakenThroughTwoNodesShareOneLimitAndAReleaseOnOneMakesRoomOnTheOther()
    {
        using var deployment = new RedisDeployment();
        var nodeA = Counter(deployment.Node());
        var nodeB = Counter(deployment.Node());

        var onA = await HoldAllAsync(nodeA, ["s1", "s2"]);
        var thirdOnB = await nodeB.TryHoldAsync("s3", Places("c1"), Minute, CancellationToken.None);
        var otherConversationOnB = await nodeB.TryHoldAsync("s4", Places("c2"), Minute, CancellationToken.None);
        var addressFull = await nodeA.TryHoldAsync("s5", Places("c3"), Minute, CancellationToken.None);
        await nodeA.ReleaseAsync("s1", [.. Places("c1").Select(p => p.Key)], CancellationToken.None);
        var afterRelease = await nodeB.TryHoldAsync("s6", Places("c1"), Minute, CancellationToken.None);

        Assert.Equal([true, true], onA);
        Assert.False(thirdOnB);
        Assert.True(otherConversationOnB);
        Assert.False(addressFull);
        Assert.True(afterRelease);
    }

    [RedisFact]
    public async Task APlaceNobodyRenewsStopsCountingAfterItsLeaseAndARenewedOneGoesOn()
    {
        using var deployment = new RedisDeployment();
        var killed = Counter(deployment.Node());
        var living = Counter(deployment.Node());
        var lease = TimeSpan.FromSeconds(2);

        Assert.True(await killed.TryHoldAsync("dead", [new("conversation:c1", 1)], lease, CancellationToken.None));
        Assert.True(await living.TryHoldAsync("alive", [new("conversation:c2", 1)], lease, CancellationToken.None));
        await living.RenewAsync("alive", ["conversation:c2"], TimeSpan.FromHours(1), CancellationToken.None);

        await Eventually.TrueAsync(() => living.TryHoldAsync("new", [new("conversation:c1", 1)], Minute, CancellationToken.None), "a place past its lease still counts");
        Assert.False(await living.TryHoldAsync("other", [new("conversation:c2", 1)], Minute, CancellationToken.None));
    }

    [Fact]
    public async Task WhenRedisDoesNotAnswerPlacesAreHeldByThisNode()
    {
        using var redis = Unreachable();
        var counter = Counter(redis);

        var held = await HoldAllAsync(counter, ["s1", "s2", "s3"]);
        await counter.ReleaseAsync("s1", [.. Places("c1").Select(p => p.Key)], CancellationToken.None);

        Assert.Equal([true, true, false], held);
        Assert.True(await counter.TryHoldAsync("s4", Places("c1"), Minute, CancellationToken.None));
    }

    // A stream's two places: its conversation (at most 2) and its address (at most 3).
    private static HeldPlace[] Places(string conversation) => [new("conversation:" + conversation, 2), new("address:198.51.100.1", 3)];

    private static async Task<List<bool>> HoldAllAsync(ILimitCounter counter, string[] holders)
    {
        var held = new List<bool>();
        foreach (var holder in holders)
        {
            held.Add(await counter.TryHoldAsync(holder, Places("c1"), Minute, CancellationToken.None));
        }

        return held;
    }

    // Nothing listens on port 1; the short timeouts only keep the test quick.
    private static RedisStore Unreachable() =>
        new(Options.Create(new RedisOptions { Configuration = "127.0.0.1:1,connectTimeout=200,asyncTimeout=200,syncTimeout=200,connectRetry=0" }));

    private RedisLimitCounter Counter(RedisStore redis)
    {
        var tokens = new DirectLineTokens(
            Options.Create(new DirectLineOptions { Secret = "a-shared-secret-of-the-deployment" }),
            Options.Create(new KnowledgeOptions()),
            _clock,
            NullLogger<DirectLineTokens>.Instance);
        return new RedisLimitCounter(redis, tokens, _clock, NullLogger<RedisLimitCounter>.Instance);
    }
}
