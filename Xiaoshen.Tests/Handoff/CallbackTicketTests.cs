using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Tests.Api;

namespace Xiaoshen.Tests.Handoff;

/// <summary>issue 11: call-back ticket numbers never collide, and nobody can flood a department with messages.</summary>
public sealed partial class CallbackTicketTests
{
    private static readonly string[] LeaveAMessage = ["留言", "公积金提取要多久", "13812345678", "都可以", "确认"];

    [Fact]
    public async Task AThousandMessagesLeftAtOnceGetAThousandDifferentNumbersAllStored()
    {
        using var factory = new BotApiFactory();
        var http = factory.CreateClient();
        var told = new ConcurrentBag<string>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < 1000)
            {
                var person = new BotClient(http, Guid.NewGuid().ToString("N"));
                IReadOnlyList<BotActivity> replies = [];
                foreach (var text in LeaveAMessage)
                {
                    replies = await person.SayAsync(text);
                }

                told.Add(Number().Match(replies.Last(r => r.Type == "message").Text).Value);
            }
        })));

        await using var scope = factory.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>().CallbackTickets.Select(t => t.Number).ToListAsync();
        Assert.Equal(1000, told.Distinct().Count());
        Assert.Equal(told.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AConversationMayLeaveOnlyAFewMessagesADay()
    {
        using var factory = new BotApiFactory().WithSetting("CallbackTickets:MaxPerConversationPerDay", "2");
        var person = new BotClient(factory.CreateClient(), Guid.NewGuid().ToString("N"));
        var taken = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            foreach (var text in LeaveAMessage)
            {
                taken.Add((await person.SayAsync(text)).Last(r => r.Type == "message").Text);
            }
        }

        var refused = (await person.SayAsync("留言")).Last(r => r.Type == "message").Text;

        Assert.Equal(2, taken.Count(t => t.Contains("留言已提交", StringComparison.Ordinal)));
        Assert.Contains("您今天的留言已经比较多了", refused, StringComparison.Ordinal);
        Assert.Contains("请拨打", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAddressMayLeaveOnlySoManyMessagesADayOnWebChat()
    {
        using var factory = DirectLineClient.Configure(new BotApiFactory()).WithSetting("CallbackTickets:MaxPerAddressPerDay", "2");
        var results = new List<string>();
        foreach (var address in new[] { "203.0.113.7", "203.0.113.7", "203.0.113.7", "198.51.100.9" })
        {
            var client = await new DirectLineClient(From(factory, address)).StartAsync();
            var replies = new List<string>();
            foreach (var text in LeaveAMessage)
            {
                replies.Add(await SayAsync(client, text));
            }

            results.Add(replies.FirstOrDefault(r => r.Contains("您今天的留言已经比较多了", StringComparison.Ordinal)) ?? replies[^1]);
        }

        Assert.StartsWith("留言已提交", results[0], StringComparison.Ordinal);
        Assert.StartsWith("留言已提交", results[1], StringComparison.Ordinal);
        Assert.StartsWith("您今天的留言已经比较多了", results[2], StringComparison.Ordinal);
        Assert.StartsWith("留言已提交", results[3], StringComparison.Ordinal);
    }

    // A client whose requests come from the given network address.
    private static HttpClient From(BotApiFactory factory, string address) =>
        new(factory.Server.CreateHandler(context => context.Connection.RemoteIpAddress = IPAddress.Parse(address))) { BaseAddress = factory.Server.BaseAddress };

    private static async Task<string> SayAsync(DirectLineClient client, string text)
    {
        var (_, watermark) = await client.ActivitiesAsync();
        await client.PostAsync(text);
        var (after, _) = await client.ActivitiesAsync(watermark);
        return after.Last(a => a.GetProperty("from").GetProperty("role").GetString() == "bot").GetProperty("text").GetString()!;
    }

    // Today's numbers are decimal; the old ones ended in four hex digits.
    [GeneratedRegex(@"LY-\d{8}-[0-9A-F]{4,}")]
    private static partial Regex Number();
}
