using Xiaoshen.Bot.Channels.WeChat;

namespace Xiaoshen.Tests.Channels.WeChat;

/// <summary>The bounded memory behind WeChat's replay checks (issue 11, item 13): a flood of pushes cannot grow it without end.</summary>
public sealed class ExpiringMemoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void AKeyIsRememberedWithItsValueUntilItExpires()
    {
        var memory = new ExpiringMemory(1000);

        var first = memory.Remember("m:1", "a", Now, TimeSpan.FromHours(24));
        var again = memory.Remember("m:1", "b", Now.AddHours(23), TimeSpan.FromHours(24));
        var expired = memory.Remember("m:1", "c", Now.AddHours(24), TimeSpan.FromHours(24));

        Assert.Null(first);
        Assert.Equal("a", again);
        Assert.Null(expired);
    }

    [Fact]
    public void WhenFullTheOldestIsForgottenFirst()
    {
        var memory = new ExpiringMemory(1000);

        for (var i = 0; i < 1500; i++)
        {
            memory.Remember($"m:{i}", string.Empty, Now.AddSeconds(i), TimeSpan.FromHours(24));
        }

        Assert.Equal(1000, memory.Count);
        Assert.Equal(string.Empty, memory.Remember("m:1499", "x", Now.AddSeconds(1500), TimeSpan.FromHours(24)));
        Assert.Equal(string.Empty, memory.Remember("m:500", "x", Now.AddSeconds(1500), TimeSpan.FromHours(24)));
        Assert.Null(memory.Remember("m:499", "x", Now.AddSeconds(1500), TimeSpan.FromHours(24)));
        Assert.Equal(1000, memory.Count);
    }
}
