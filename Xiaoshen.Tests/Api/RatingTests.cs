using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.Reports;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Tests.Api;

/// <summary>
/// 好差评 on the five levels of GB/T 39734-2020 (issue 14, section 3): asked as the channel's buttons, rated once, with an
/// optional comment; bad ratings open 整改 work orders with 回访 records and 1·5·15 timers. In process, on a fake clock
/// (Friday 27 November 2026, 10:00 Beijing time).
/// </summary>
public sealed class RatingTests : IDisposable
{
    private static readonly string[] Levels = ["非常满意", "满意", "基本满意", "不满意", "非常不满意"];
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8)));
    private readonly HumanAgent _wang = HumanAgent.Create("gjj01", "王敏", [HumanAgent.AgentRole], ["gjj"], 5);
    private readonly BotApiFactory _factory;

    public RatingTests() => _factory = DirectLineClient.Configure(new BotApiFactory())
        .WithSetting("Handoff:Assignment", "Pick")
        .WithSetting("Handoff:MonitorIntervalMilliseconds", "60000")
        .WithServices(s => s.AddSingleton<TimeProvider>(_clock));

    private HandoffCommands Commands => _factory.Services.GetRequiredService<HandoffCommands>();

    private HandoffBoard Board => _factory.Services.GetRequiredService<HandoffBoard>();

    private HandoffPresence Presence => _factory.Services.GetRequiredService<HandoffPresence>();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task WebChatOverDirectLineRatesTheHumanServiceOnFiveButtonsOnceAndABadRatingOpensAWorkOrder()
    {
        var person = await new DirectLineClient(_factory.CreateClient()).StartAsync();
        await person.PostAsync("退休了公积金怎么取");
        await person.PostAsync("转人工");
        var conversationId = Assert.Single((await Board.WaitingAsync(_wang, CancellationToken.None))).ConversationId;
        await Presence.HeardAsync(_wang, CancellationToken.None);
        Assert.Equal(HandoffProblem.None, await Commands.AcceptAsync(conversationId, _wang, CancellationToken.None));
        await Commands.SendAsync(conversationId, _wang, "已经帮您查好了。", [], [], CancellationToken.None);

        await Commands.CloseAsync(conversationId, _wang, HandoffOutcome.Resolved, CancellationToken.None);

        // Web chat shows the five levels as the buttons of one card.
        var ask = await SaidAsync(person, "请为本次服务打个分");
        var buttons = ask.GetProperty("attachments")[0].GetProperty("content").GetProperty("buttons").EnumerateArray().ToList();
        Assert.Equal(Levels, buttons.Select(b => b.GetProperty("title").GetString()));
        Assert.All(buttons, b => Assert.Equal("imBack", b.GetProperty("type").GetString()));

        // 非常不满意 without a comment: asked what went wrong; the next message is the comment.
        await person.PostAsync("非常不满意");
        await SaidAsync(person, "请说说哪里不满意");
        await person.PostAsync("等了很久才有人回，电话13812345678");
        await SaidAsync(person, "已记下您的意见");
        await person.PostAsync("满意");
        await SaidAsync(person, "您已经评价过了");

        await using var db = await DbAsync();
        var session = await db.HandoffSessions.SingleAsync();
        Assert.Equal((ServiceRating.VeryDissatisfied, 5), (session.Rating, session.RatingScale));
        Assert.Equal("等了很久才有人回，电话138****5678", session.RatingComment);
        var order = await db.RectificationOrders.SingleAsync();
        Assert.Equal(("gjj", "gjj01", session.Id, RectificationStatus.AwaitingContact), (order.DepartmentId, order.HumanAgentId, order.SessionId, order.Status));
        Assert.Equal(session.RatingComment, order.Comment);

        // Rated on Friday: contact by the end of Monday, a simple fix by the end of the next Friday.
        Assert.Equal(At("2026-12-01T00:00:00+08:00"), order.ContactDueAt);
        Assert.Equal(At("2026-12-05T00:00:00+08:00"), order.FixDueAt);
        var followUp = await db.RatingFollowUps.SingleAsync();
        Assert.Equal((order.Id, conversationId, order.ContactDueAt, (DateTimeOffset?)null), (followUp.OrderId, followUp.ConversationId, followUp.DueAt, followUp.ContactedAt));
    }

    [Fact]
    public async Task ABotFrameworkChannelGetsTheLevelsAsACardAndAGoodRatingOpensNoOrder()
    {
        // A contact centre behind a Bot Framework channel serves the person and reports the service completed.
        var person = new BotClient(_factory.CreateClient(), Guid.NewGuid().ToString("N"));
        await person.SayAsync("退休了公积金怎么取");
        await person.SayAsync("转人工");
        await person.SendAsync(Status("accepted"));

        var completed = (await person.SendAsync(Status("completed"))).Single();
        var thanks = (await person.SayAsync("基本满意 还行")).Single();

        Assert.Contains("请为本次服务打个分", completed.Text, StringComparison.Ordinal);
        Assert.Equal(Levels, completed.Buttons.Select(b => b.Title));
        Assert.Equal("application/vnd.microsoft.card.hero", completed.Raw.GetProperty("attachments")[0].GetProperty("contentType").GetString());
        Assert.Contains("感谢您的评价", thanks.Text, StringComparison.Ordinal);
        await using var db = await DbAsync();
        var session = await db.HandoffSessions.SingleAsync();
        Assert.Equal((ServiceRating.BasicallySatisfied, "还行", 5), (session.Rating, session.RatingComment, session.RatingScale));
        Assert.Empty(db.RectificationOrders);
    }

    [Fact]
    public async Task ThePersonRatesXiaoshenItselfOnceAndABadRatingGoesToTheMattersDepartment()
    {
        var person = new BotClient(_factory.CreateClient(), Guid.NewGuid().ToString("N"));
        await person.SayAsync("退休了公积金怎么取");

        var helpful = (await person.SayAsync("有帮助")).Single();
        Assert.Contains("评价小申", helpful.Suggestions);
        var ask = (await person.SayAsync("评价小申")).Single();
        Assert.Equal(Levels, ask.Buttons.Select(b => b.Title));
        var thanks = (await person.SayAsync("不满意，答得不够具体")).Single();
        var again = (await person.SayAsync("评价小申")).Single();

        Assert.Contains("感谢您的评价", thanks.Text, StringComparison.Ordinal);
        Assert.Contains("您已经评价过了", again.Text, StringComparison.Ordinal);
        await using var db = await DbAsync();
        var rating = await db.BotRatings.SingleAsync();
        Assert.Equal((ServiceRating.Dissatisfied, "答得不够具体", "gjj-retire-withdraw"), (rating.Rating, rating.Comment, rating.MatterId));
        var order = await db.RectificationOrders.SingleAsync();
        Assert.Equal(("gjj", (Guid?)null, (string?)null), (order.DepartmentId, order.SessionId, order.HumanAgentId));
        Assert.Empty(db.HandoffSessions);
    }

    [Fact]
    public async Task SupervisorsWorkOrdersOnTheirPageAndTheCountsAndTheBoardShowWhatIsOverdue()
    {
        var person = new BotClient(_factory.CreateClient(), Guid.NewGuid().ToString("N"));
        await person.SayAsync("退休了公积金怎么取");
        await person.SayAsync("评价小申");
        await person.SayAsync("非常不满意 完全没用");
        using var admin = await TestAccounts.SignedInAsync(_factory, "admin");

        // The reports count the order under its department and period, awaiting contact, not yet overdue.
        var fresh = await FollowUpAsync(admin, "gjj");
        Assert.Equal((1, 1, 0), (fresh.Total, fresh.ByStatus["awaitingContact"], fresh.Overdue));
        Assert.Equal(0, (await FollowUpAsync(admin, "rsj")).Total);
        var report = WebUtility.HtmlDecode(await admin.GetStringAsync("/console/reports"));
        Assert.Contains("差评整改工单 / 已超期", report, StringComparison.Ordinal);
        Assert.Contains("ZG-20261127-", report, StringComparison.Ordinal);

        // Over the weekend to Tuesday: not contacted by the end of Monday (signed in again: the sign-in has expired).
        _clock.SetUtcNow(At("2026-12-01T09:00:00+08:00"));
        using var later = await TestAccounts.SignedInAsync(_factory, "admin");
        Assert.Equal(1, (await FollowUpAsync(later, "gjj")).Overdue);

        // The supervisor sees it on the board and on the orders page, flagged.
        var supervisor = await _factory.SignInAsync("banzhang");
        var board = WebUtility.HtmlDecode(await supervisor.GetStringAsync("/console/supervisor"));
        Assert.Contains("整改工单已超期：上海市公积金管理中心", board, StringComparison.Ordinal);
        var page = WebUtility.HtmlDecode(await supervisor.GetStringAsync("/console/orders"));
        await using (var db = await DbAsync())
        {
            var order = await db.RectificationOrders.SingleAsync();
            Assert.Contains(order.Number, page, StringComparison.Ordinal);
        }

        Assert.Contains("已超期", page, StringComparison.Ordinal);
        Assert.Contains("非常不满意", page, StringComparison.Ordinal);
        Assert.Contains("完全没用", page, StringComparison.Ordinal);

        // Contacted, with the 回访's result: no longer overdue, and the follow-up record says who and what.
        var orders = _factory.Services.GetRequiredService<RectificationOrders>();
        var id = (await orders.ListAsync(null, false, CancellationToken.None)).Single().Order.Id;
        Assert.False(await orders.MoveAsync(id, ["rsj"], RectificationStatus.Contacted, "rsj01", "已回访", false, CancellationToken.None));
        Assert.True(await orders.MoveAsync(id, ["gjj"], RectificationStatus.Contacted, "banzhang", "已电话回访，市民希望答案更具体", false, CancellationToken.None));
        var contacted = await FollowUpAsync(later, "gjj");
        Assert.Equal((1, 0, 0), (contacted.ByStatus["contacted"], contacted.ByStatus["awaitingContact"], contacted.Overdue));
        await using (var db = await DbAsync())
        {
            var followUp = await db.RatingFollowUps.SingleAsync();
            Assert.Equal(("banzhang", "已电话回访，市民希望答案更具体", _clock.GetUtcNow()), (followUp.ContactedBy, followUp.Result, followUp.ContactedAt!.Value));
        }
    }

    // The follow-up figures of November's bad ratings, as a supervisor's tool reads them over HTTP.
    private static async Task<BadRatingFollowUp> FollowUpAsync(HttpClient supervisor, string department) =>
        (await supervisor.GetFromJsonAsync<ReportSummary>("/api/reports/summary?from=2026-11-01&to=2026-11-30&department=" + department))!.BadRatingFollowUp;

    private static System.Text.Json.Nodes.JsonObject Status(string state) => new()
    {
        ["type"] = "event",
        ["name"] = "handoff.status",
        ["value"] = new System.Text.Json.Nodes.JsonObject { ["state"] = state },
    };

    private async Task<JsonElement> SaidAsync(DirectLineClient person, string text)
    {
        JsonElement? found = null;
        await Eventually.TrueAsync(
            async () =>
            {
                var (activities, _) = await person.AllActivitiesAsync();
                found = activities.LastOrDefault(a => a.GetProperty("from").GetProperty("id").GetString() != "dl_test"
                    && a.TryGetProperty("text", out var t) && (t.GetString() ?? string.Empty).Contains(text, StringComparison.Ordinal));
                return found?.ValueKind == JsonValueKind.Object;
            },
            $"Xiaoshen never said “{text}”.");
        return found!.Value;
    }

    private async Task<XiaoshenDbContext> DbAsync()
    {
        await _factory.Services.GetRequiredService<StorageWriter>().FlushAsync();
        return _factory.Services.CreateScope().ServiceProvider.GetRequiredService<XiaoshenDbContext>();
    }

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
