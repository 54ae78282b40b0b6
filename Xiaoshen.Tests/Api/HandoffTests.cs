using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xiaoshen.Bot.Channels;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Tests.Fakes;

namespace Xiaoshen.Tests.Api;

/// <summary>
/// Human handoff end to end in process: the person talks through /api/messages, agents act through the handoff service
/// as the console does (or through the agent API and the console's pages), and a fake clock moves time (Friday
/// 27 November 2026, 10:00 Beijing time, unless a test says otherwise); the handoff's clock is ticked by hand.
/// </summary>
public sealed class HandoffTests : IDisposable
{
    private const string Gjj = "上海市公积金管理中心";
    private const string NobodyOnline = "暂时都不在线";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8)));
    private readonly RecordingChannelAdapter _channel = new();
    private readonly HumanAgent _wang = HumanAgent.Create("gjj01", "王敏", [HumanAgent.AgentRole], ["gjj"], 5);
    private readonly HumanAgent _zhang = HumanAgent.Create("general01", "张丽", [HumanAgent.AgentRole], ["general"], 5);
    private readonly HumanAgent _li = HumanAgent.Create("rsj01", "李强", [HumanAgent.AgentRole], ["rsj"], 5);
    private BotApiFactory _factory;

    public HandoffTests() => _factory = Host("Pick");

    private HandoffCommands Commands => _factory.Services.GetRequiredService<HandoffCommands>();

    private HandoffPresence Presence => _factory.Services.GetRequiredService<HandoffPresence>();

    private HandoffClock Clock => _factory.Services.GetRequiredService<HandoffClock>();

    private HandoffBoard Board => _factory.Services.GetRequiredService<HandoffBoard>();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task AskingForAPersonInHoursQueuesWithPositionWaitAndTheHandoffEvent()
    {
        var person = Person();
        await person.SayAsync("退休了公积金怎么取");

        var replies = await person.SayAsync("转人工");

        var notice = replies.First(r => r.Type == "message");
        Assert.Contains($"正在为您转接{Gjj}的人工服务", notice.Text, StringComparison.Ordinal);
        Assert.Contains("前面还有 0 位", notice.Text, StringComparison.Ordinal);
        Assert.Contains("取消", notice.Suggestions);
        var initiate = Assert.Single(replies, r => r.Type == "event");
        Assert.Equal("handoff.initiate", initiate.Name);
        Assert.Equal("gjj", initiate.Raw.GetProperty("value").GetProperty("departmentId").GetString());
        Assert.Equal("gjj-retire-withdraw", initiate.Raw.GetProperty("value").GetProperty("matterId").GetString());
        var transcript = initiate.Raw.GetProperty("attachments")[0].GetProperty("content").GetProperty("activities");
        Assert.Contains(transcript.EnumerateArray(), a => a.GetProperty("text").GetString() == "退休了公积金怎么取");

        var conversation = await StoredAsync(person);
        Assert.Equal(ConversationStatus.AwaitingHuman, conversation.Status);
        await using var db = Db();
        var transition = await db.Transitions.SingleAsync(t => t.ConversationId == conversation.Id);
        Assert.Equal((ConversationStatus.Bot, ConversationStatus.AwaitingHuman), (transition.From, transition.To));
        Assert.Equal("gjj", (await db.HandoffSessions.SingleAsync(s => s.ConversationId == conversation.Id)).DepartmentId);
    }

    [Fact]
    public async Task AnAvailableAgentIsAssignedAtOnceAndTheConversationFlowsBothWays()
    {
        _factory.Dispose();
        _factory = Host("Auto");
        await Presence.HeardAsync(_wang, CancellationToken.None);
        var person = Person();
        await person.SayAsync("退休了公积金怎么取");

        var connected = (await person.SayAsync("转人工")).First(r => r.Type == "message");
        var conversation = await StoredAsync(person);
        var (problem, delivery) = await Commands.SendAsync(conversation.Id, _wang, "您好，请问您哪年退休？", [], [], CancellationToken.None);
        var relayed = await person.SayAsync("明年三月");

        Assert.Contains("王敏", connected.Text, StringComparison.Ordinal);
        Assert.Equal(HandoffProblem.None, problem);
        Assert.True(delivery!.Delivered);
        Assert.Contains("您好，请问您哪年退休？", _channel.To(person.ConversationId));
        Assert.Empty(relayed);
        var transcript = await _factory.Services.GetRequiredService<ConversationStore>().TranscriptAsync(conversation.Id, CancellationToken.None);
        Assert.Contains(transcript, t => t.Role == TurnRole.Agent && t.HumanAgentId == "gjj01");
        Assert.Equal("明年三月", transcript[^1].Text);
        Assert.Equal(TimeSpan.Zero, (await Board.AssignedToAsync("gjj01", CancellationToken.None)).Single().FirstResponseAt - (await Board.AssignedToAsync("gjj01", CancellationToken.None)).Single().QueuedAt);
    }

    [Fact]
    public async Task AnAgentOfAnotherGroupCannotTakeTheConversation()
    {
        var person = Person();
        await person.SayAsync("退休了公积金怎么取");
        await person.SayAsync("转人工");
        var conversation = await StoredAsync(person);

        Assert.Empty((await Board.WaitingAsync(_li, CancellationToken.None)));
        Assert.Equal(HandoffProblem.NotInGroup, await Commands.AcceptAsync(conversation.Id, _li, CancellationToken.None));
        Assert.Equal(HandoffProblem.None, await Commands.AcceptAsync(conversation.Id, _wang, CancellationToken.None));
        Assert.Equal(HandoffProblem.NotWaiting, await Commands.AcceptAsync(conversation.Id, _wang, CancellationToken.None));
        Assert.Contains(_channel.To(person.ConversationId), t => t.Contains("王敏已接入", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnknownMatterIsRoutedByAskingPersonalOrBusinessThenTheTopic()
    {
        var person = Person();

        var audience = (await person.SayAsync("转人工")).Single();
        var topic = (await person.SayAsync("个人事项")).Single();
        var queued = (await person.SayAsync("公积金提取")).First();

        Assert.Contains("个人事项还是企业事项", audience.Text, StringComparison.Ordinal);
        Assert.Contains("要办什么事", topic.Text, StringComparison.Ordinal);
        Assert.Contains(Gjj, queued.Text, StringComparison.Ordinal);
        Assert.Equal("gjj", (await Board.WaitingAsync(_wang, CancellationToken.None)).Single().Routing.DepartmentId);
    }

    [Fact]
    public async Task CancellingTheWaitReturnsToXiaoshen()
    {
        var person = Person();
        await person.SayAsync("退休了公积金怎么取");
        await person.SayAsync("转人工");

        var cancelled = (await person.SayAsync("取消")).Single();
        var answer = (await person.SayAsync("那要带什么材料")).First();

        Assert.Contains("已取消人工服务", cancelled.Text, StringComparison.Ordinal);
        Assert.Contains("申请材料", answer.Text, StringComparison.Ordinal);
        Assert.Empty((await Board.WaitingAsync(_wang, CancellationToken.None)));
        await _factory.Services.GetRequiredService<StorageWriter>().FlushAsync();
        await using var db = Db();
        Assert.Equal(HandoffOutcome.Cancelled, (await db.HandoffSessions.SingleAsync()).Outcome);
    }

    [Fact]
    public async Task NobodyAcceptingWithin45SecondsEscalatesToTheBackupGroup()
    {
        var person = Person();
        await person.SayAsync("退休了公积金怎么取");
        await person.SayAsync("转人工");
        Assert.Empty((await Board.WaitingAsync(_zhang, CancellationToken.None)));

        _clock.Advance(TimeSpan.FromSeconds(44));
        await Clock.TickAsync(CancellationToken.None);
        Assert.Empty((await Board.WaitingAsync(_zhang, CancellationToken.None)));

        _clock.Advance(TimeSpan.FromSeconds(2));
        await Clock.TickAsync(CancellationToken.None);
        var escalated = Assert.Single((await Board.WaitingAsync(_zhang, CancellationToken.None)));
        Assert.NotNull(escalated.EscalatedAt);
        _clock.Advance(TimeSpan.FromSeconds(15));
        Assert.True(Board.IsBreaching(escalated));
    }

    [Fact]
    public async Task ClosingAsksForARatingThatIsStoredWithItsComment()
    {
        var (person, conversation) = await AcceptedAsync();
        await Commands.SendAsync(conversation.Id, _wang, "已经帮您查好了。", [], [], CancellationToken.None);

        await Commands.CloseAsync(conversation.Id, _wang, HandoffOutcome.Resolved, CancellationToken.None);
        var thanks = (await person.SayAsync("不满意 等太久了")).Single();

        Assert.Contains(_channel.Delivered, d => d.Reply.Text.Contains("请为本次服务打个分", StringComparison.Ordinal) && d.Reply.Buttons.Any(a => a.Title == "基本满意"));
        Assert.Contains("感谢您的评价", thanks.Text, StringComparison.Ordinal);
        await _factory.Services.GetRequiredService<StorageWriter>().FlushAsync();
        await using var db = Db();
        var session = await db.HandoffSessions.SingleAsync();
        Assert.Equal((HandoffOutcome.Resolved, ServiceRating.Dissatisfied, "等太久了"), (session.Outcome, session.Rating, session.RatingComment));
        Assert.Equal(ConversationStatus.Bot, (await StoredAsync(person)).Status);
    }

    [Fact]
    public async Task ATransferKeepsTheConversationAndCarriesTheNote()
    {
        var (person, conversation) = await AcceptedAsync();

        var problem = await Commands.TransferAsync(conversation.Id, _wang, "rsj", "市民问的是养老金，不是公积金", CancellationToken.None);

        Assert.Equal(HandoffProblem.None, problem);
        var waiting = Assert.Single((await Board.WaitingAsync(_li, CancellationToken.None)));
        Assert.Equal("市民问的是养老金，不是公积金", waiting.TransferNote);
        Assert.Contains(_channel.To(person.ConversationId), t => t.Contains("已转给上海市人力资源和社会保障局", StringComparison.Ordinal));
        Assert.Empty((await Board.AssignedToAsync("gjj01", CancellationToken.None)));
        var transcript = await _factory.Services.GetRequiredService<ConversationStore>().TranscriptAsync(conversation.Id, CancellationToken.None);
        Assert.Contains(transcript, t => t.Text == "退休了公积金怎么取");
    }

    [Fact]
    public async Task ASilentPersonIsRemindedThenTheConversationCloses()
    {
        var (person, conversation) = await AcceptedAsync();
        await Commands.SendAsync(conversation.Id, _wang, "请问还有什么问题？", [], [], CancellationToken.None);

        // The monitor may tick (and deliver) at the same time as the test does: wait for the delivery.
        await AgentStaysAsync(TimeSpan.FromMinutes(5));
        await _channel.WaitForAsync(person.ConversationId, "请问您还在吗");
        Assert.Equal(ConversationStatus.WithHuman, (await StoredAsync(person)).Status);

        await AgentStaysAsync(TimeSpan.FromMinutes(3));
        await _channel.WaitForAsync(person.ConversationId, "本次人工服务已结束");
        Assert.Equal(ConversationStatus.Bot, (await StoredAsync(person)).Status);
    }

    // Ticks run side by side: the monitor's, the test's, and on several nodes each node's. Whichever closes the silent
    // conversation, the person is told once and the conversation is the bot's again; one that read the row before the
    // close must not take it back into human hands.
    [Fact]
    public async Task TicksSideBySideCloseASilentConversationOnce()
    {
        var (person, conversation) = await AcceptedAsync();
        await Commands.SendAsync(conversation.Id, _wang, "请问还有什么问题？", [], [], CancellationToken.None);
        await AgentStaysAsync(TimeSpan.FromMinutes(5));
        await _channel.WaitForAsync(person.ConversationId, "请问您还在吗");
        var readBefore = await _factory.Services.GetRequiredService<HandoffClaims>().OpenAsync(conversation.Id, CancellationToken.None);

        _clock.Advance(TimeSpan.FromMinutes(3));
        await Presence.HeardAsync(_wang, CancellationToken.None);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Clock.TickAsync(CancellationToken.None))));
        await _channel.WaitForAsync(person.ConversationId, "本次人工服务已结束");

        // The closing tick is between dropping its copy and unpinning the conversation when the other tick follows the
        // row it read before: the pinned conversation is the one it finds. The closing tick then unpins and saves it.
        var store = _factory.Services.GetRequiredService<ConversationStore>();
        var pinned = (await store.FindAsync(conversation.Id, CancellationToken.None))!;
        store.Pin(pinned);
        await _factory.Services.GetRequiredService<HandoffCopies>().FollowAsync(conversation.Id, readBefore, null, CancellationToken.None);
        store.Unpin(pinned);
        store.Save(pinned);

        Assert.Single(_channel.To(person.ConversationId), t => t.Contains("本次人工服务已结束", StringComparison.Ordinal));
        Assert.Equal(ConversationStatus.Bot, (await StoredAsync(person)).Status);
        await using var db = Db();
        Assert.Equal(HandoffOutcome.PersonSilent, (await db.HandoffSessions.SingleAsync()).Outcome);
        Assert.Single(await db.Transitions.Where(t => t.ConversationId == conversation.Id && t.Reason == "person-silent").ToListAsync());
    }

    // The same race, step by step: a tick has stored the row's end and not yet handed the conversation back when another
    // tick, whose claim lost, brings its copy up to the row. The conversation found next (by a tick, a turn) is the one
    // handed back, not a copy read from the database between the two, which would put it in human hands again when saved.
    [Fact]
    public async Task AConversationLookedAtWhileItsCloseIsHalfDoneIsTheBotsAfterwards()
    {
        var (person, conversation) = await AcceptedAsync();
        var copies = _factory.Services.GetRequiredService<HandoffCopies>();
        var store = _factory.Services.GetRequiredService<ConversationStore>();
        var now = _clock.GetUtcNow();
        var live = copies.Find(conversation.Id)!;
        var row = live.Session.Copy();
        var seen = live.Session.Version;
        row.End(HandoffOutcome.PersonSilent, now);
        Assert.True(await copies.StoreAsync(live, row, seen, CancellationToken.None));

        await copies.CurrentAsync(conversation.Id, null, CancellationToken.None);
        lock (copies.Gate)
        {
            copies.Persist(live.Conversation.ReturnToBot("person-silent", HandoffCopies.System, now));
            copies.Drop(conversation.Id);
        }

        store.Unpin(live.Conversation);
        store.Save(live.Conversation);

        var found = (await store.FindAsync(conversation.Id, CancellationToken.None))!;
        Assert.Equal(ConversationStatus.Bot, found.Status);
        store.Save(found);
        Assert.Equal(ConversationStatus.Bot, (await StoredAsync(person)).Status);
    }

    [Fact]
    public async Task ARestartKeepsWhatTheAgentHasNotReadAndWhenThePersonLastWrote()
    {
        using var data = new TestKnowledgeBase();
        _factory.Dispose();
        _factory = Host("Pick", data);
        var (person, conversation) = await AcceptedAsync();
        await person.SayAsync("我是去年三月退休的");
        _clock.Advance(TimeSpan.FromSeconds(20));
        await person.SayAsync("材料都带齐了");
        var lastWrote = _clock.GetUtcNow();

        await RestartAsync(data, TimeSpan.FromSeconds(15));

        var waiting = Assert.Single((await Board.WaitingAsync(_wang, CancellationToken.None)), v => v.ConversationId == conversation.Id);
        Assert.Equal(2, waiting.PersonMessagesUnseen);
        Assert.Equal(lastWrote, waiting.LastPersonAt);
    }

    [Fact]
    public async Task ARatingAskedBeforeARestartIsStillTakenAfterIt()
    {
        using var data = new TestKnowledgeBase();
        _factory.Dispose();
        _factory = Host("Pick", data);
        var (person, conversation) = await AcceptedAsync();
        await Commands.SendAsync(conversation.Id, _wang, "已经帮您查好了。", [], [], CancellationToken.None);
        await Commands.CloseAsync(conversation.Id, _wang, HandoffOutcome.Resolved, CancellationToken.None);

        await RestartAsync(data, TimeSpan.FromMinutes(2));
        var replies = await new BotClient(_factory.CreateClient(), person.ConversationId).SayAsync("非常满意 很耐心");

        Assert.Contains("感谢您的评价", Assert.Single(replies, r => r.Type == "message").Text, StringComparison.Ordinal);
        await _factory.Services.GetRequiredService<StorageWriter>().FlushAsync();
        await using var db = Db();
        var session = await db.HandoffSessions.SingleAsync();
        Assert.Equal((ServiceRating.VerySatisfied, "很耐心"), (session.Rating, session.RatingComment));
        Assert.Null(session.RatingOpenUntil);
    }

    [Fact]
    public async Task AnAgentNoLongerHeardHasTheirConversationsQueuedAgain()
    {
        var (person, conversation) = await AcceptedAsync();

        await AgentStaysAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ConversationStatus.WithHuman, (await StoredAsync(person)).Status);
        _clock.Advance(TimeSpan.FromSeconds(31));
        await Clock.TickAsync(CancellationToken.None);

        // The service's own monitor may tick at the same moment and make the change instead (once: it is claimed on the
        // row); then it is done when that tick is, not when the test's returns.
        await Eventually.TrueAsync(async () => (await StoredAsync(person)).Status == ConversationStatus.AwaitingHuman, "the conversation was not queued again");
        Assert.Contains((await Board.WaitingAsync(_wang, CancellationToken.None)), v => v.ConversationId == conversation.Id);
        await _channel.WaitForAsync(person.ConversationId, "王敏已离开");
    }

    [Fact]
    public async Task OutsideWorkingHoursXiaoshenTakesAMessageForACallBackNextWorkingDay()
    {
        _clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 20, 0, 0, TimeSpan.FromHours(8)));
        var person = Person();
        await person.SayAsync("退休了公积金怎么取");

        var offer = (await person.SayAsync("转人工")).Single();
        await person.SayAsync("留言");
        await person.SayAsync("就是刚才的问题");
        var badPhone = (await person.SayAsync("12345")).Single();
        await person.SayAsync("我的电话是 138 1234 5678");
        var confirm = (await person.SayAsync("周一上午")).Single();
        var taken = (await person.SayAsync("确认")).Single();

        Assert.Contains("下次人工服务时间是11月30日（周一）09:00", offer.Text, StringComparison.Ordinal);
        Assert.Contains("留言", offer.Suggestions);
        Assert.Contains("号码好像不完整", badPhone.Text, StringComparison.Ordinal);
        Assert.Contains("138****5678", confirm.Text, StringComparison.Ordinal);
        Assert.Contains("退休了公积金怎么取", confirm.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", confirm.Text + taken.Text, StringComparison.Ordinal);
        Assert.Contains("留言已提交，编号 LY-20261127-", taken.Text, StringComparison.Ordinal);
        Assert.Contains("11月30日（周一）17:00", taken.Text, StringComparison.Ordinal);
        await _factory.Services.GetRequiredService<StorageWriter>().FlushAsync();
        await using var db = Db();
        var ticket = await db.CallbackTickets.SingleAsync();
        Assert.Equal(("gjj", "13812345678", TicketStatus.Open), (ticket.DepartmentId, ticket.Phone, ticket.Status));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 17, 0, 0, TimeSpan.FromHours(8)), ticket.DueAt);
        Assert.Equal("周一上午（11月30日 周一）", ticket.PreferredTime);
    }

    [Fact]
    public async Task AgentsMarkACallBackTicketAndCannotReopenIt()
    {
        _clock.SetUtcNow(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.FromHours(8)));
        var person = Person();
        foreach (var text in new[] { "退休了公积金怎么取", "留言", "退休了能不能一次取完", "021-64871234", "都可以", "确认" })
        {
            await person.SayAsync(text);
        }

        var tickets = _factory.Services.GetRequiredService<CallbackTickets>();
        var ticket = Assert.Single(await tickets.ListAsync(["gjj"], false, CancellationToken.None));
        Assert.Equal("021-64871234", ticket.Phone);
        Assert.True(await tickets.MarkAsync(ticket.Id, TicketStatus.CalledBack, "gjj01", "已回电，市民下周来办", CancellationToken.None));
        Assert.True(await tickets.MarkAsync(ticket.Id, TicketStatus.Resolved, "gjj01", null, CancellationToken.None));
        Assert.False(await tickets.MarkAsync(ticket.Id, TicketStatus.CalledBack, "gjj01", null, CancellationToken.None));
        Assert.Empty(await tickets.ListAsync(["gjj"], false, CancellationToken.None));
        Assert.Empty(await tickets.ListAsync(["rsj"], true, CancellationToken.None));
    }

    [Fact]
    public async Task AnExternalContactCentreTakesOverThroughHandoffStatusEvents()
    {
        var person = Person();
        await person.SayAsync("退休了公积金怎么取");
        await person.SayAsync("转人工");

        await person.SendAsync(Status("accepted"));
        Assert.Equal((ConversationStatus.WithHuman, "external"), await StatusAsync(person));
        var completed = await person.SendAsync(Status("completed"));

        Assert.Contains("请为本次服务打个分", completed.Single().Text, StringComparison.Ordinal);
        Assert.Equal(ConversationStatus.Resolved, (await StatusAsync(person)).Status);
    }

    // Issue 11, item 8: people are handed only to agents who are there, and told only what is true while they wait.
    [Fact]
    public async Task AConsolePageOnlyRenderedOnTheServerDoesNotPutTheAgentOnline()
    {
        _factory.Dispose();
        _factory = Host("Auto");

        // The page is rendered once before the browser connects; an agent who never connected is not there.
        var wang = await SignInAsync("gjj01");
        using var page = await wang.GetAsync("/console");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var person = await AskingAsync();

        var notice = (await person.SayAsync("转人工")).First(r => r.Type == "message");

        Assert.DoesNotContain("王敏", notice.Text, StringComparison.Ordinal);
        Assert.Contains(NobodyOnline, notice.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(await Board.AgentsAsync(CancellationToken.None), a => a.Id == "gjj01" && a.Connected);
    }

    [Fact]
    public async Task AnAgentApiClientIsOnlineWhileHeardAndItsConversationsReturnToTheQueueWhenItGoesQuiet()
    {
        _factory.Dispose();
        _factory = Host("Auto");
        var wang = await SignInAsync("gjj01");
        await wang.GetAsync("/api/agent/queue");
        var first = await AskingAsync();
        var connected = (await first.SayAsync("转人工")).First(r => r.Type == "message");

        _clock.Advance(TimeSpan.FromSeconds(31));
        await Clock.TickAsync(CancellationToken.None);
        var second = await AskingAsync();
        var notice = (await second.SayAsync("转人工")).First(r => r.Type == "message");

        Assert.Contains("王敏", connected.Text, StringComparison.Ordinal);
        await _channel.WaitForAsync(first.ConversationId, "重新排队");
        var told = Assert.Single(_channel.To(first.ConversationId), t => t.Contains("重新排队", StringComparison.Ordinal));
        Assert.Contains("王敏", told, StringComparison.Ordinal);
        Assert.Contains(NobodyOnline, told, StringComparison.Ordinal);
        Assert.Equal(ConversationStatus.AwaitingHuman, (await StoredAsync(first)).Status);
        Assert.Empty((await Board.AssignedToAsync("gjj01", CancellationToken.None)));
        Assert.DoesNotContain("王敏", notice.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(await Board.AgentsAsync(CancellationToken.None), a => a.Id == "gjj01" && a.Connected);
    }

    [Fact]
    public async Task WithNobodyOnlineThePersonIsToldSoPromisedNoWaitAndMayLeaveAMessageInstead()
    {
        _factory.Dispose();
        _factory = Host("Auto");
        var person = await AskingAsync();

        var notice = (await person.SayAsync("转人工")).First(r => r.Type == "message");
        var message = (await person.SayAsync("留言")).Single();

        Assert.Contains(NobodyOnline, notice.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("1 分钟以内", notice.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("预计", notice.Text, StringComparison.Ordinal);
        Assert.Contains("留言", notice.Suggestions);
        Assert.Contains("取消", notice.Suggestions);
        Assert.Contains("写下您要咨询的问题", message.Text, StringComparison.Ordinal);
        Assert.Equal(ConversationStatus.Bot, (await StoredAsync(person)).Status);
        Assert.Empty(await Board.AllAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AnOfferOfAPersonSaysSomeoneIsOnlineOnlyWhenSomeoneIs()
    {
        var person = Person();
        await person.SayAsync("退休了公积金怎么取");

        var offer = (await person.SayAsync("没帮助")).Single();

        Assert.DoesNotContain("现在在线", offer.Text, StringComparison.Ordinal);
        Assert.Contains(NobodyOnline, offer.Text, StringComparison.Ordinal);
        Assert.Contains("留言", offer.Suggestions);
    }

    [Fact]
    public async Task WhileWaitingThePersonHearsTheirPlaceAndTheMeasuredWaitOnceAMinute()
    {
        _factory.Dispose();
        _factory = Host("Pick");
        var wang = await SignInAsync("gjj01");
        await wang.GetAsync("/api/agent/queue");
        var first = await AskingAsync();
        await first.SayAsync("转人工");
        var second = await AskingAsync();
        var queued = (await second.SayAsync("转人工")).First(r => r.Type == "message");

        await AfterAsync(wang, TimeSpan.FromSeconds(30));
        var beforeAMinute = Updates(second);
        await AfterAsync(wang, TimeSpan.FromSeconds(31));
        await Clock.TickAsync(CancellationToken.None);
        await _channel.WaitForAsync(second.ConversationId, "仍在为您排队");
        var afterAMinute = Updates(second);

        // 王敏 takes the first person after two minutes: that is the wait measured for the department.
        await AfterAsync(wang, TimeSpan.FromSeconds(59));
        var id = await wang.FirstWaitingAsync();
        using var accepted = await wang.PostAsync($"/api/agent/conversations/{id}/accept", null);
        await AfterAsync(wang, TimeSpan.FromSeconds(60));

        Assert.Contains("前面还有 1 位", queued.Text, StringComparison.Ordinal);
        Assert.Contains("等待时间暂时无法估计", queued.Text, StringComparison.Ordinal);
        Assert.Empty(beforeAMinute);
        var update = Assert.Single(afterAMinute);
        Assert.Contains("前面还有 1 位", update, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        await _channel.WaitForAsync(second.ConversationId, "仍在为您排队", 3);
        Assert.Equal(3, Updates(second).Count);
        Assert.Contains("前面还有 0 位", Updates(second)[^1], StringComparison.Ordinal);
        Assert.Contains("约 2 分钟", Updates(second)[^1], StringComparison.Ordinal);
        Assert.All(Updates(first), u => Assert.Contains("等待时间暂时无法估计", u, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABackupAgentIsIntroducedWithTheirOwnDepartment()
    {
        _factory.Dispose();
        _factory = Host("Pick");
        var person = await AskingAsync();
        await person.SayAsync("转人工");
        _clock.Advance(TimeSpan.FromSeconds(46));
        await Clock.TickAsync(CancellationToken.None);
        var zhang = await SignInAsync("general01");

        var id = await zhang.FirstWaitingAsync();
        using var accepted = await zhang.PostAsync($"/api/agent/conversations/{id}/accept", null);

        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        await _channel.WaitForAsync(person.ConversationId, "一网通办综合服务的工作人员张丽已接入");
        Assert.DoesNotContain(_channel.To(person.ConversationId), t => t.Contains("公积金管理中心的工作人员张丽", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSupervisorBoardShowsAnUnansweredConversationPastTheMinuteAsAnAlert()
    {
        _factory.Dispose();
        _factory = Host("Pick");
        var wang = await SignInAsync("gjj01");
        var person = await AskingAsync();
        await person.SayAsync("转人工");
        var id = await wang.FirstWaitingAsync();
        await wang.PostAsync($"/api/agent/conversations/{id}/accept", null);

        await AfterAsync(wang, TimeSpan.FromSeconds(61));
        // The board as the server renders it (its HTML encodes Chinese characters).
        var board = WebUtility.HtmlDecode(await (await SignInAsync("admin")).GetStringAsync("/console/supervisor"));

        Assert.Contains(await Board.AllAsync(CancellationToken.None), Board.IsBreaching);
        Assert.DoesNotContain("暂无告警", board, StringComparison.Ordinal);
        Assert.Contains("仍未回复", board, StringComparison.Ordinal);
    }

    // The agent's client keeps polling while time passes, so it stays online; then the handoff's clock ticks.
    private async Task AfterAsync(HttpClient agent, TimeSpan span)
    {
        for (var left = span; left > TimeSpan.Zero; left -= TimeSpan.FromSeconds(10))
        {
            _clock.Advance(left < TimeSpan.FromSeconds(10) ? left : TimeSpan.FromSeconds(10));
            using var polled = await agent.GetAsync("/api/agent/queue");
            await Clock.TickAsync(CancellationToken.None);
        }
    }

    // What the person was told while waiting, outside their own turns.
    private List<string> Updates(BotClient person) =>
        _channel.To(person.ConversationId).Where(t => t.Contains("仍在为您排队", StringComparison.Ordinal)).ToList();

    private async Task<BotClient> AskingAsync()
    {
        var person = Person();
        await person.SayAsync("退休了公积金怎么取");
        return person;
    }

    private Task<HttpClient> SignInAsync(string userName) => _factory.SignInAsync(userName);

    internal static JsonObject Status(string state) => new()
    {
        ["type"] = "event",
        ["name"] = "handoff.status",
        ["value"] = new JsonObject { ["state"] = state },
    };

    private BotApiFactory Host(string assignment, TestKnowledgeBase? data = null) => (data is null ? new BotApiFactory() : BotApiFactory.On(data))
        .WithSetting("Handoff:Assignment", assignment)
        .WithSetting("Handoff:MonitorIntervalMilliseconds", "60000")
        .WithServices(s =>
        {
            s.AddSingleton<TimeProvider>(_clock);
            s.AddSingleton<IChannelAdapter>(_channel);
        });

    // Stops the host once what it queued is stored, lets time pass, and starts a new one on the same data, restored.
    private async Task RestartAsync(TestKnowledgeBase data, TimeSpan later)
    {
        await _factory.Services.GetRequiredService<StorageWriter>().FlushAsync();
        _factory.Dispose();
        _clock.Advance(later);
        _factory = Host("Pick", data);
        _ = _factory.Server;
        await Clock.Restored;
    }

    private BotClient Person() => new(_factory.CreateClient(), Guid.NewGuid().ToString("N"));

    // 王敏 accepts from an open console, which is heard from then on.
    private async Task<(BotClient Person, Conversation Conversation)> AcceptedAsync()
    {
        var person = Person();
        await person.SayAsync("退休了公积金怎么取");
        await person.SayAsync("转人工");
        var conversation = await StoredAsync(person);
        await Presence.HeardAsync(_wang, CancellationToken.None);
        Assert.Equal(HandoffProblem.None, await Commands.AcceptAsync(conversation.Id, _wang, CancellationToken.None));
        return (person, conversation);
    }

    // Time passes while 王敏's console keeps beating, and the handoff's clock ticks.
    private async Task AgentStaysAsync(TimeSpan span)
    {
        for (var left = span; left > TimeSpan.Zero; left -= TimeSpan.FromSeconds(10))
        {
            _clock.Advance(left < TimeSpan.FromSeconds(10) ? left : TimeSpan.FromSeconds(10));
            await Presence.HeardAsync(_wang, CancellationToken.None);
            await Clock.TickAsync(CancellationToken.None);
        }
    }

    private async Task<Conversation> StoredAsync(BotClient person)
    {
        await _factory.Services.GetRequiredService<StorageWriter>().FlushAsync();
        await using var db = Db();
        return await db.Conversations.AsNoTracking().SingleAsync(c => c.ChannelConversationId == person.ConversationId);
    }

    private async Task<(ConversationStatus Status, string? Agent)> StatusAsync(BotClient person)
    {
        var conversation = await StoredAsync(person);
        return (conversation.Status, conversation.HumanAgentId);
    }

    private XiaoshenDbContext Db() => _factory.Services.CreateScope().ServiceProvider.GetRequiredService<XiaoshenDbContext>();
}
