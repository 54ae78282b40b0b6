using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xiaoshen.Bot.Channels.DirectLine;
using Xiaoshen.Bot.Cluster;
using Xiaoshen.Knowledge;

namespace Xiaoshen.Tests.Cluster;

/// <summary>
/// issue 13: the limit counter of one node, and what several nodes do while Redis does not answer: each counts alone,
/// so requests go on being served and sign-ins keep one node's lockout instead of locking everyone out.
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
        Assert.Equal(lockout, await counter.LockedForAsync("signin-account:gjj01", CancellationToken.None));
        Assert.Null(await counter.LockedForAsync("signin-account:rsj01", CancellationToken.None));
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
