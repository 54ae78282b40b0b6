using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xiaoshen.Bot.Booking;
using Xiaoshen.Tests.Api;

namespace Xiaoshen.Tests.Booking;

/// <summary>
/// issue 16: booking in-person help in the chat, through Direct Line as Web Chat talks: asked for in the person's words,
/// the matter, the centre by its district, the time in natural Chinese confirmed back with its date, free half days as
/// buttons, the confirmation with 预约成功, centre, date, weekday, half day and code; cancelled; another booked.
/// </summary>
public sealed partial class BookingChatTests : IDisposable
{
    // Tuesday 1 December 2026, 10:00 Beijing time.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(8)));
    private readonly BotApiFactory _factory;

    public BookingChatTests()
    {
        _factory = DirectLineClient.Configure(new BotApiFactory()).WithServices(s => s.AddSingleton<TimeProvider>(_clock));
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task APersonBooksCancelsAndBooksAnother()
    {
        var person = await Person.StartAsync(_factory);

        var asked = await person.SayAsync("我想去现场有人带着办");
        Assert.Contains("要办什么事项", asked.Text, StringComparison.Ordinal);

        var centres = await person.SayAsync("住房租赁合同登记备案");
        Assert.Contains("住房租赁合同登记备案", centres.Text, StringComparison.Ordinal);
        Assert.Contains("松江区行政服务中心", centres.Buttons);
        Assert.Contains("浦东新区市民中心", centres.Buttons);

        var when = await person.SayAsync("松江");
        Assert.Contains("松江区行政服务中心", when.Text, StringComparison.Ordinal);

        var offered = await person.SayAsync("下周二上午");
        Assert.Contains("“下周二上午”是 12月8日（周二）上午", offered.Text, StringComparison.Ordinal);
        var slot = Assert.Single(offered.Buttons, b => b.StartsWith("12月8日（周二）上午", StringComparison.Ordinal));

        var booked = await person.SayAsync(slot);
        Assert.StartsWith("预约成功", booked.Text, StringComparison.Ordinal);
        Assert.Contains("松江区行政服务中心，12月8日（周二）上午", booked.Text, StringComparison.Ordinal);
        var code = CodePattern().Match(booked.Text).Value;
        Assert.NotEmpty(code);

        var bookings = _factory.Services.GetRequiredService<BookingService>();
        var held = Assert.Single(await bookings.DayAsync("songjiang", new DateOnly(2026, 12, 8), CancellationToken.None));
        Assert.Equal((code, BookingStatus.Booked, "fg-rental-filing"), (held.Code, held.Status, held.MatterId));

        var cancelled = await person.SayAsync("取消预约");
        Assert.Contains("已取消预约", cancelled.Text, StringComparison.Ordinal);
        Assert.Contains(code, cancelled.Text, StringComparison.Ordinal);
        Assert.Empty(await bookings.DayAsync("songjiang", new DateOnly(2026, 12, 8), CancellationToken.None));

        // Another booking: the matter is the current one; the district said with the time; a weekend is refused first.
        var again = await person.SayAsync("预约线下帮办");
        Assert.Contains("您想去哪个中心", again.Text, StringComparison.Ordinal);
        var weekend = await person.SayAsync("浦东新区，这周六上午");
        Assert.Contains("12月5日（周六）上午", weekend.Text, StringComparison.Ordinal);
        Assert.Contains("周末", weekend.Text, StringComparison.Ordinal);
        var afternoon = await person.SayAsync("明天下午三点以后");
        Assert.Contains("12月2日（周三）下午", afternoon.Text, StringComparison.Ordinal);
        var second = await person.SayAsync(Assert.Single(afternoon.Buttons, b => b.StartsWith("12月2日（周三）下午", StringComparison.Ordinal)));
        Assert.StartsWith("预约成功", second.Text, StringComparison.Ordinal);
        Assert.Contains("浦东新区市民中心，12月2日（周三）下午", second.Text, StringComparison.Ordinal);
        Assert.NotEqual(code, CodePattern().Match(second.Text).Value);
        Assert.Single(await bookings.DayAsync("pudong", new DateOnly(2026, 12, 2), CancellationToken.None));
    }

    [Fact]
    public async Task APersonMovesTheirBookingToAnotherHalfDay()
    {
        var person = await Person.StartAsync(_factory);
        await person.SayAsync("我想去现场有人带着办");
        await person.SayAsync("住房租赁合同登记备案");
        await person.SayAsync("松江");
        var offered = await person.SayAsync("下周二上午");
        var booked = await person.SayAsync(Assert.Single(offered.Buttons, b => b.StartsWith("12月8日（周二）上午", StringComparison.Ordinal)));
        var code = CodePattern().Match(booked.Text).Value;

        var changing = await person.SayAsync("改约");
        Assert.Contains("为您改约", changing.Text, StringComparison.Ordinal);
        Assert.Contains(code, changing.Text, StringComparison.Ordinal);
        var later = await person.SayAsync("下周一下午");
        Assert.Contains("12月7日（周一）下午", later.Text, StringComparison.Ordinal);
        var moved = await person.SayAsync(Assert.Single(later.Buttons, b => b.StartsWith("12月7日（周一）下午", StringComparison.Ordinal)));

        Assert.StartsWith("预约成功", moved.Text, StringComparison.Ordinal);
        Assert.Contains("松江区行政服务中心，12月7日（周一）下午", moved.Text, StringComparison.Ordinal);
        var bookings = _factory.Services.GetRequiredService<BookingService>();
        Assert.Empty(await bookings.DayAsync("songjiang", new DateOnly(2026, 12, 8), CancellationToken.None));
        var held = Assert.Single(await bookings.DayAsync("songjiang", new DateOnly(2026, 12, 7), CancellationToken.None));
        Assert.Equal((BookingStatus.Booked, "fg-rental-filing"), (held.Status, held.MatterId));
    }

    [Fact]
    public async Task AnImpossibleOrPastDateIsExplainedAndAskedAgainWithTheWindow()
    {
        var person = await Person.StartAsync(_factory);
        await person.SayAsync("我想去现场有人带着办");
        await person.SayAsync("住房租赁合同登记备案");
        await person.SayAsync("松江");
        const string window = "现在可以预约 12月2日（周三） 到 12月8日（周二） 之间的工作日";

        var lastYear = await person.SayAsync("去年二月三十号上午");
        Assert.Contains("2025年2月没有30日", lastYear.Text, StringComparison.Ordinal);
        Assert.Contains(window, lastYear.Text, StringComparison.Ordinal);
        Assert.Equal(["不约了"], lastYear.Buttons);

        var noYear = await person.SayAsync("二月三十号");
        Assert.Contains("2027年2月没有30日", noYear.Text, StringComparison.Ordinal);
        Assert.Contains(window, noYear.Text, StringComparison.Ordinal);

        var yesterday = await person.SayAsync("昨天上午");
        Assert.Contains("11月30日（周一）上午已经过去了", yesterday.Text, StringComparison.Ordinal);
        Assert.Contains(window, yesterday.Text, StringComparison.Ordinal);
        Assert.Equal(["不约了"], yesterday.Buttons);

        // Nothing was lost: the next time said is offered at the centre chosen.
        var offered = await person.SayAsync("下周二上午");
        Assert.Contains("“下周二上午”是 12月8日（周二）上午", offered.Text, StringComparison.Ordinal);
        Assert.Contains(offered.Buttons, b => b.StartsWith("12月8日（周二）上午", StringComparison.Ordinal));
        Assert.Contains("松江区行政服务中心", offered.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APlaceWithoutACentreIsSaidSoAndTheDistrictsAreListed()
    {
        var person = await Person.StartAsync(_factory);
        await person.SayAsync("我想去现场有人带着办");
        await person.SayAsync("住房租赁合同登记备案");

        var mars = await person.SayAsync("火星区");
        Assert.Contains("没有叫“火星区”的政务服务中心", mars.Text, StringComparison.Ordinal);
        Assert.Contains("可以到这些区的中心办理：松江区、浦东新区", mars.Text, StringComparison.Ordinal);
        Assert.Equal(["松江区行政服务中心", "浦东新区市民中心", "不约了"], mars.Buttons);

        // A real centre that does not book help for this matter is named as such, not as unknown.
        var municipal = await person.SayAsync("市级");
        Assert.Contains("上海市行政服务中心不办理「住房租赁合同登记备案」的线下帮办", municipal.Text, StringComparison.Ordinal);
        Assert.Contains("松江区、浦东新区", municipal.Text, StringComparison.Ordinal);

        var when = await person.SayAsync("浦东新区市民中心");
        Assert.Contains("您想哪天去浦东新区市民中心", when.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("有没有领导陪同办理")]
    [InlineData("想约领导帮办")]
    public async Task ALeaderAccompaniedSlotIsOfferedBookedAndCountedOnceDone(string asked)
    {
        var person = await Person.StartAsync(_factory);
        await person.SayAsync(asked);
        await person.SayAsync("住房租赁合同登记备案");

        var offered = await person.SayAsync("松江");
        var slot = Assert.Single(offered.Buttons, b => b.Contains("周立新", StringComparison.Ordinal));
        Assert.StartsWith("12月3日（周四）下午 领导干部帮办", slot, StringComparison.Ordinal);

        var booked = await person.SayAsync(slot);
        Assert.StartsWith("预约成功", booked.Text, StringComparison.Ordinal);
        Assert.Contains("12月3日（周四）下午", booked.Text, StringComparison.Ordinal);
        Assert.Contains("本次由松江区房屋管理局局长周立新陪同帮办", booked.Text, StringComparison.Ordinal);

        // The supervisor's view counts the leader's help once the centre marks it done, not when it is booked.
        var bookings = _factory.Services.GetRequiredService<BookingService>();
        Assert.False((await bookings.LeadersAsync(CancellationToken.None)).Single(l => l.Leader == "周立新").HasDoneTheirs);
        var held = Assert.Single(await bookings.DayAsync("songjiang", new DateOnly(2026, 12, 3), CancellationToken.None));
        Assert.Equal("周立新", held.Leader);
        _clock.SetUtcNow(new DateTimeOffset(2026, 12, 3, 15, 0, 0, TimeSpan.FromHours(8)));
        Assert.Equal(MarkOutcome.Marked, await bookings.MarkAsync(held.Id, BookingStatus.CheckedIn, "banzhang", CancellationToken.None));
        Assert.Equal(MarkOutcome.Marked, await bookings.MarkAsync(held.Id, BookingStatus.Done, "banzhang", CancellationToken.None));
        var record = (await bookings.LeadersAsync(CancellationToken.None)).Single(l => l.Leader == "周立新");
        Assert.Equal((1, true), (record.Helped, record.HasDoneTheirs));
    }

    [Theory]
    [InlineData("", "12月3日（周四）下午 领导干部帮办")]
    [InlineData("\n          - {date: 2026-12-03, half: 下午, capacity: 0}", null)]
    public async Task AWeeklyLeaderSessionIsOfferedOnItsWeekdayAndADatedLineWithoutPlacesCancelsOneWeek(string dated, string? expected)
    {
        // Editors schedule 每周四下午 once instead of a date every week; a date line with no places cancels one Thursday.
        _factory.Content.Replace("service-centres.yaml", "{date: 2026-12-03, half: 下午, capacity: 1}", "{weekly: 周四, half: 下午, capacity: 1}" + dated);
        var person = await Person.StartAsync(_factory);
        await person.SayAsync("想约领导帮办");
        await person.SayAsync("住房租赁合同登记备案");

        var offered = await person.SayAsync("松江");

        var leaders = offered.Buttons.Where(b => b.Contains("周立新", StringComparison.Ordinal)).ToList();
        if (expected is null)
        {
            Assert.Empty(leaders);
            Assert.Contains("这几天没有领导干部帮办的安排", offered.Text, StringComparison.Ordinal);
        }
        else
        {
            Assert.StartsWith(expected, Assert.Single(leaders), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task WithTwoBookingsThePersonChoosesWhichToChangeAndWhichToCancel()
    {
        var person = await Person.StartAsync(_factory);
        await person.SayAsync("我想去现场有人带着办");
        await person.SayAsync("住房租赁合同登记备案");
        await person.SayAsync("松江");
        var offered = await person.SayAsync("下周二上午");
        var rental = CodePattern().Match((await person.SayAsync(offered.Buttons[0])).Text).Value;
        await person.SayAsync("租房提取公积金，想预约线下帮办");
        await person.SayAsync("浦东");
        var afternoon = await person.SayAsync("明天下午");
        var withdraw = CodePattern().Match((await person.SayAsync(afternoon.Buttons[0])).Text).Value;
        Assert.NotEqual(rental, withdraw);

        var which = await person.SayAsync("改约");
        Assert.Contains("要改哪一个", which.Text, StringComparison.Ordinal);
        var rentalButton = $"住房租赁合同登记备案｜松江区行政服务中心｜12月8日（周二）上午（{rental}）";
        var withdrawButton = $"提取住房公积金支付房屋租赁费用｜浦东新区市民中心｜12月2日（周三）下午（{withdraw}）";
        Assert.Equal([withdrawButton, rentalButton, "不约了"], which.Buttons); // soonest first

        var changing = await person.SayAsync(withdrawButton);
        Assert.Contains($"为您改约：{withdraw}", changing.Text, StringComparison.Ordinal);
        Assert.Contains("您想哪天去浦东新区市民中心", changing.Text, StringComparison.Ordinal);
        var later = await person.SayAsync("下周一上午");
        var moved = await person.SayAsync(Assert.Single(later.Buttons, b => b.StartsWith("12月7日（周一）上午", StringComparison.Ordinal)));
        Assert.StartsWith("预约成功", moved.Text, StringComparison.Ordinal);
        Assert.Contains("浦东新区市民中心，12月7日（周一）上午", moved.Text, StringComparison.Ordinal);

        var bookings = _factory.Services.GetRequiredService<BookingService>();
        Assert.Empty(await bookings.DayAsync("pudong", new DateOnly(2026, 12, 2), CancellationToken.None));
        Assert.Equal("gjj-rent-withdraw", Assert.Single(await bookings.DayAsync("pudong", new DateOnly(2026, 12, 7), CancellationToken.None)).MatterId);
        Assert.Equal(rental, Assert.Single(await bookings.DayAsync("songjiang", new DateOnly(2026, 12, 8), CancellationToken.None)).Code);

        var cancelWhich = await person.SayAsync("取消预约");
        Assert.Contains("要取消哪一个", cancelWhich.Text, StringComparison.Ordinal);
        Assert.Contains(rentalButton, cancelWhich.Buttons);
        var cancelled = await person.SayAsync(rentalButton);
        Assert.Contains($"已取消预约：{rental}", cancelled.Text, StringComparison.Ordinal);
        Assert.Empty(await bookings.DayAsync("songjiang", new DateOnly(2026, 12, 8), CancellationToken.None));
        Assert.Single(await bookings.DayAsync("pudong", new DateOnly(2026, 12, 7), CancellationToken.None));
    }

    // issue 16: in the web chat 居住证 got the same question again with no hint. No centre books help for it (in the real
    // content), which is now said with where to apply instead; an answer that names no matter gets a hint and buttons.
    [Fact]
    public async Task AMatterNoCentreBooksIsSaidSoAndAnUnknownAnswerGetsAHintWithMatterButtons()
    {
        using var factory = DirectLineClient.Configure(new RepositoryBotApiFactory()).WithServices(s => s.AddSingleton<TimeProvider>(_clock));
        var person = await Person.StartAsync(factory);
        var asked = await person.SayAsync("我想去现场有人带着办");
        Assert.Contains("企业设立登记（开办企业）", asked.Buttons);

        var permit = await person.SayAsync("居住证");
        // "居住证" is the permit's own alias: the permit alone (it was asked back with the residence registration, whose FAQs
        // repeat the word, until a matter's own name stopped tying; docs/quality.md, stop 38).
        Assert.StartsWith("「上海市居住证办理（申领、签注、补领）」暂不能预约线下帮办", permit.Text, StringComparison.Ordinal);
        Assert.Contains("「上海市居住证办理（申领、签注、补领）」可以在网上申请：随申办App 或 一网通办 搜索“居住证”", permit.Text, StringComparison.Ordinal);
        Assert.Contains("说“不约了”", permit.Text, StringComparison.Ordinal);
        Assert.Contains("企业设立登记（开办企业）", permit.Buttons);
        Assert.Equal("不约了", permit.Buttons[^1]);

        var typo = await person.SayAsync("居柱证");
        Assert.Contains("「上海市居住证办理（申领、签注、补领）」", typo.Text, StringComparison.Ordinal);
        Assert.Contains("暂不能预约线下帮办", typo.Text, StringComparison.Ordinal);

        // (Since branch h-vocab also names 城乡居民基本医疗保险参保登记: its FAQ on a newborn's 医保卡 asks about the card too.)
        var card = await person.SayAsync("社保卡");
        Assert.StartsWith("「社会保障卡申领、补换与挂失」", card.Text, StringComparison.Ordinal);
        Assert.Contains("暂不能预约线下帮办", card.Text, StringComparison.Ordinal);

        var fund = await person.SayAsync("公积金");
        Assert.Contains("暂不能预约线下帮办", fund.Text, StringComparison.Ordinal);
        Assert.Contains("「个人住房公积金缴存证明与账户查询」", fund.Text, StringComparison.Ordinal);

        foreach (var unknown in new[] { "嗯嗯", "asdfgh" })
        {
            var hint = await person.SayAsync(unknown);
            Assert.Contains("没听出您要办哪个事项", hint.Text, StringComparison.Ordinal);
            Assert.Contains("企业设立登记（开办企业）", hint.Buttons);
            Assert.Equal("不约了", hint.Buttons[^1]);
        }

        // Several matters fit, each booked at a centre: the person chooses, and the booking goes on with the one chosen.
        // (企业变更登记 replaced 企业注销登记 among them when the matter model learnt eval/situations-dev.jsonl, whose
        // people change what their licence says: "执照上的名字要改吗", "营业执照可以改地址么?". Their order follows the
        // ranking, which any FAQ on a licence moves: since stop 41 企业变更登记 answers a lost licence and comes first.)
        var licence = await person.SayAsync("营业执照");
        Assert.Contains("要办的是下面哪个事项", licence.Text, StringComparison.Ordinal);
        Assert.Equal("不约了", licence.Buttons[^1]);
        Assert.Equal(["个体工商户登记", "企业变更登记", "企业设立登记（开办企业）"], licence.Buttons[..^1].Order(StringComparer.Ordinal));
        var centres = await person.SayAsync("个体工商户登记");
        Assert.Contains("「个体工商户登记」可以到下面的政务服务中心办理", centres.Text, StringComparison.Ordinal);
        Assert.Contains("徐汇区行政服务中心", centres.Buttons);
    }

    [GeneratedRegex("B[2-9A-HJKMNP-Z]{6}")]
    private static partial Regex CodePattern();

    /// <summary>A person in Web Chat: what each message brings back (the last bot message's text and its buttons).</summary>
    private sealed class Person(DirectLineClient client)
    {
        private string? _watermark;

        public static async Task<Person> StartAsync(BotApiFactory factory)
        {
            var person = new Person(await new DirectLineClient(factory.CreateClient()).StartAsync());
            (_, person._watermark) = await person.Client.ActivitiesAsync();
            return person;
        }

        private DirectLineClient Client { get; } = client;

        public async Task<(string Text, List<string> Buttons)> SayAsync(string text)
        {
            await Client.PostAsync(text);
            var (activities, watermark) = await Client.ActivitiesAsync(_watermark);
            _watermark = watermark;
            var reply = activities.Last(a => a.GetProperty("type").GetString() == "message" && a.GetProperty("from").GetProperty("role").GetString() == "bot");
            var buttons = reply.TryGetProperty("suggestedActions", out var actions) && actions.ValueKind == JsonValueKind.Object
                ? actions.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("title").GetString()!).ToList()
                : [];
            return (reply.GetProperty("text").GetString()!, buttons);
        }
    }
}
