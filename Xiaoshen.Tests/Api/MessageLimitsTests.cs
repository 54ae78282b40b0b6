using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Tests.Channels.WeChat;

namespace Xiaoshen.Tests.Api;

/// <summary>
/// What one message may cost, on every channel (issue 11, items 3 and 4): text over the cap is not analysed and the
/// person is told why; long runs of digits, numerals, dates and punctuation are answered like any message.
/// </summary>
public sealed class MessageLimitsTests : IClassFixture<WeChatHost>
{
    private const string TooLongNotice = "超过了 2000 字的上限";
    private const string TurnError = "出了点问题";

    private readonly WeChatHost _weChat;

    public MessageLimitsTests(WeChatHost weChat) => _weChat = weChat;

    public static TheoryData<string> NastyInputs => new()
    {
        Repeat("1234567890", 2000),
        Repeat("12三4五六7八九0十百千万", 2000),
        Repeat("2026年11月27日下午3点", 2000),
        Repeat("。，！？", 2000),
        Repeat("一亿", 2000),
        Repeat("１２３４５６７８９０", 2000),
    };

    [Fact]
    public async Task AWebChatMessageOverTheCapIsNotAnalysedAndThePersonIsToldWhy()
    {
        using var factory = DirectLineClient.Configure(new BotApiFactory());
        var client = await new DirectLineClient(factory.CreateClient()).StartAsync();

        await client.PostAsync("社保卡丢了怎么补办" + new string('，', 2000));
        var (activities, _) = await client.ActivitiesAsync("1");

        var reply = activities.Last(a => a.GetProperty("from").GetProperty("role").GetString() == "bot");
        Assert.Contains(TooLongNotice, reply.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("2009 个字", reply.GetProperty("text").GetString(), StringComparison.Ordinal);
        await factory.Services.GetRequiredService<StorageWriter>().FlushAsync();
        await using var db = factory.Services.CreateScope().ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var turns = await db.Turns.OrderBy(t => t.Sequence).ToListAsync();
        Assert.Equal("too-long", turns[^1].Decision);
        Assert.Null(turns[^1].MatterId);
        Assert.Equal(2001, turns[^2].Text.Length);
    }

    [Fact]
    public async Task ABotFrameworkMessageOverTheCapIsNotAnalysed()
    {
        using var factory = new BotApiFactory();
        var bot = new BotClient(factory.CreateClient(), "too-long");

        var replies = await bot.SayAsync(new string('6', 2001));

        Assert.Contains(replies, r => r.Text.Contains(TooLongNotice, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AWeChatMessageOverTheCapIsNotAnalysed()
    {
        var reply = await WeChatHost.ReplyAsync(await _weChat.PostAsync(WeChatHost.Plain, WeChatHost.Text(WeChatHost.NewUser(), new string('6', 2001))), WeChatHost.Plain);

        Assert.Contains(TooLongNotice, reply!["Content"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMessageAtTheCapIsStillAnswered()
    {
        using var factory = new BotApiFactory();
        var bot = new BotClient(factory.CreateClient(), "at-cap");

        var replies = await bot.SayAsync("社保卡丢了怎么补办" + new string(' ', 1991));

        Assert.Contains(replies, r => r.Text.Contains("社会保障卡", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AConversationIdLongerThanItCanBeStoredIsNotProcessed()
    {
        using var factory = new BotApiFactory();
        var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/messages", new JsonObject
        {
            ["type"] = "message",
            ["id"] = "1",
            ["text"] = "社保卡丢了怎么补办",
            ["channelId"] = "emulator",
            ["serviceUrl"] = "http://localhost:9/",
            ["deliveryMode"] = "expectReplies",
            ["conversation"] = new JsonObject { ["id"] = new string('c', 300) },
            ["from"] = new JsonObject { ["id"] = "user-1" },
            ["recipient"] = new JsonObject { ["id"] = "xiaoshen" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await factory.Services.GetRequiredService<StorageWriter>().FlushAsync();
        await using var db = factory.Services.CreateScope().ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        Assert.Empty(await db.Conversations.ToListAsync());
    }

    // issue 11: 2,000 characters of digits took 14 s here (5 s of a core in entity recognition); docs/benchmarks.md has the times.
    [Theory]
    [MemberData(nameof(NastyInputs))]
    public async Task LongRunsOfDigitsNumeralsDatesAndPunctuationAreAnsweredLikeAnyMessage(string text)
    {
        using var factory = DirectLineClient.Configure(new BotApiFactory());
        var client = await new DirectLineClient(factory.CreateClient()).StartAsync();

        await client.PostAsync(text);
        var (activities, _) = await client.ActivitiesAsync("1");

        var reply = string.Join("\n", activities.Where(a => a.GetProperty("from").GetProperty("role").GetString() == "bot" && a.TryGetProperty("text", out _)).Select(a => a.GetProperty("text").GetString()));
        Assert.DoesNotContain(TurnError, reply, StringComparison.Ordinal);
        Assert.DoesNotContain("上限", reply, StringComparison.Ordinal);
        Assert.Contains("还不能准确回答", reply, StringComparison.Ordinal);
    }

    private static string Repeat(string unit, int length)
    {
        var text = new StringBuilder(length + unit.Length);
        while (text.Length < length)
        {
            text.Append(unit);
        }

        return text.ToString(0, length);
    }
}
