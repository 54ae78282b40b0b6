using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Tests.Api;

/// <summary>Conversations through POST /api/messages with deliveryMode expectReplies, as the Emulator sends them.</summary>
public sealed class MessagesEndpointTests(BotApiFactory factory) : IClassFixture<BotApiFactory>
{
    private const string Retire = "离休、退休提取住房公积金";
    private const string Passport = "普通护照申请";

    public static TheoryData<string[], string[]> Dialogs => new()
    {
        { ["退休了公积金怎么取"], [Retire, "提取"] },
        { ["退休了公积金怎么取", "那要带什么材料"], [Retire, "申请材料", "身份证"] },
        { ["退休了公积金怎么取", "多久能到账"], [Retire, "办理时限"] },
        { ["护照怎么办理", "要多少钱"], [Passport, "收费标准"] },
        { ["退休了公积金怎么取", "护照丢了怎么补办"], [Passport] },
        { ["你好"], ["小申"] },
        { ["转人工"], ["个人事项还是企业事项"] },
        { ["深圳公积金怎么提取"], ["只解答上海市"] },
        { ["明天会下雨吗"], ["这个问题我还不能准确回答"] },
        { ["明天会下雨吗", "股票怎么买"], ["连续两次没能准确回答您", "人工服务时间"] },
    };

    // Issue 12, item 1: the wording comes from places.yaml, and the Shanghai matter that helps from this side is a button.
    [Fact]
    public async Task AnswersAQuestionAboutAnotherPlaceHonestlyAndOffersTheShanghaiMatter()
    {
        var replies = await NewConversation().SayAsync("洛阳港澳通行证续签在哪办");

        var reply = Assert.Single(replies, r => r.Type == "message");
        Assert.Contains("洛阳市", reply.Text, StringComparison.Ordinal);
        Assert.Contains("12345", reply.Text, StringComparison.Ordinal);
        Assert.Contains(reply.Buttons, b => b.Value == "往来港澳通行证及签注");
    }

    // Too vague to answer (卡片坏了 could be any card), but the one matter the ranking finds close is a button under the
    // fallback: the same matters the evaluation counts as "helped" (KnowledgeAnswer.Offered).
    [Fact]
    public async Task AFallbackShowsTheClosestMatterAsAButton()
    {
        var replies = await NewConversation().SayAsync("卡片坏了");

        var fallback = Assert.Single(replies, r => r.Text.StartsWith("这个问题我还不能准确回答", StringComparison.Ordinal));
        Assert.Equal(["社会保障卡申领、补换与挂失"], fallback.Buttons.Select(b => b.Title));
        Assert.DoesNotContain(replies, r => r.Buttons.Any(b => b.Title == "住房租赁合同登记备案"));
    }

    // An honest answer about another place is an answer: it ends a streak of questions that could not be answered, so the
    // next one is not met with "连续两次没能准确回答您".
    [Fact]
    public async Task AnHonestAnswerAboutAnotherPlaceEndsTheStreakOfUnansweredQuestions()
    {
        var client = NewConversation();
        await client.SayAsync("明天会下雨吗");
        await client.SayAsync("深圳公积金怎么提取");

        var replies = await client.SayAsync("股票怎么买");

        var text = string.Join("\n", replies.Where(r => r.Type == "message").Select(r => r.Text));
        Assert.Contains("这个问题我还不能准确回答", text, StringComparison.Ordinal);
        Assert.DoesNotContain("连续两次没能准确回答您", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Dialogs))]
    public async Task AnswersDialogs(string[] utterances, string[] expected)
    {
        var client = NewConversation();
        IReadOnlyList<BotActivity> replies = [];
        foreach (var utterance in utterances)
        {
            replies = await client.SayAsync(utterance);
        }

        var text = string.Join("\n", replies.Where(r => r.Type == "message").Select(r => r.Text));
        Assert.All(expected, e => Assert.Contains(e, text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WelcomesWithAMenuOfHotMatters()
    {
        var replies = await NewConversation().JoinAsync();

        var welcome = Assert.Single(replies);
        Assert.Contains("小申", welcome.Text, StringComparison.Ordinal);
        Assert.Contains(Retire, welcome.Suggestions);
        Assert.Contains("社会保障卡申领、补换与挂失", welcome.Suggestions);
    }

    [Fact]
    public async Task TheWelcomeShowsAFewHotMattersAndTheRestBehindAButton()
    {
        // Issue 15: ten hot-matter buttons pushed the welcome out of view on a small screen.
        var welcome = Assert.Single(await NewConversation().JoinAsync());

        Assert.Equal([Retire, "提取住房公积金支付房屋租赁费用", "社会保障卡申领、补换与挂失", "更多个人事项"], welcome.Suggestions);
    }

    [Fact]
    public async Task TheMoreButtonListsEveryPersonalHotMatter()
    {
        var client = NewConversation();
        await client.JoinAsync();

        var more = Assert.Single(await client.SayAsync("更多个人事项"));

        Assert.Contains("个人常办的事项", more.Text, StringComparison.Ordinal);
        Assert.Equal([Retire, "提取住房公积金支付房屋租赁费用", "社会保障卡申领、补换与挂失", Passport], more.Suggestions);
    }

    [Fact]
    public async Task ElderModeHearsThePlainFormOfAFixedText()
    {
        var client = NewConversation();
        var plain = new JsonObject { ["xiaoshen"] = new JsonObject { ["plain"] = true } };

        var elder = await client.SendAsync(new JsonObject { ["type"] = "message", ["text"] = "明天会下雨吗", ["channelData"] = plain });
        var usual = await NewConversation().SayAsync("明天会下雨吗");

        Assert.Contains("这个问题小申答不上来", elder[0].Text, StringComparison.Ordinal);
        Assert.Contains("这个问题我还不能准确回答", usual[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnswerHasTheOnlineEntryFollowUpsAndFeedbackButtons()
    {
        var replies = await NewConversation().SayAsync("社保卡丢了怎么补办");

        var answer = replies.Last(r => r.Type == "message");
        Assert.Equal("markdown", answer.TextFormat);
        Assert.Contains(answer.Buttons, b => b.Type == "openUrl" && b.Value.StartsWith("https://zwdt.sh.gov.cn/govPortals/bsfw/item/", StringComparison.Ordinal));
        Assert.InRange(answer.Suggestions.Count, 4, 5);
        Assert.Equal(["有帮助", "没帮助"], answer.Suggestions.TakeLast(2));
    }

    [Fact]
    public async Task TextOnlyChannelsGetPlainText()
    {
        var replies = await NewConversation("sms").SayAsync("退休了公积金怎么取");

        var answer = replies.Last(r => r.Type == "message");
        Assert.Equal("plain", answer.TextFormat);
        Assert.DoesNotContain("**", answer.Text, StringComparison.Ordinal);
        Assert.Contains(Retire, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClarifiesAVagueQuestionAndAnswersTheChoice()
    {
        var client = NewConversation();

        var clarify = (await client.SayAsync("公积金")).Single(r => r.Type == "message");
        Assert.Equal("您想问的是：", clarify.Text);
        Assert.Contains(clarify.Buttons, b => b.Title == Retire);

        var answer = (await client.SayAsync(Retire)).Last(r => r.Type == "message");
        Assert.Contains(Retire, answer.Text, StringComparison.Ordinal);
        Assert.Contains("谁可以办", answer.Text, StringComparison.Ordinal);
    }

    // Issue 12, item 9: "在线办理" opened the portal's home page for 94 of 105 matters.
    [Fact]
    public async Task AMatterWithoutAPageOfItsOwnShowsTheSearchPathInsteadOfTheHomePage()
    {
        var replies = await NewConversation().SayAsync("退休了公积金怎么取");

        var answer = replies.Last(r => r.Type == "message");
        Assert.DoesNotContain(answer.Buttons, b => b.Type == "openUrl");
        Assert.Contains("**网上办理**：在随申办App或“一网通办”网站搜索“退休提取”", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoAnswerOffersTheHomePageAsTheOnlineEntry()
    {
        foreach (var question in new[] { "社保卡丢了怎么补办", "退休了公积金怎么取", "护照怎么办理", "港澳通行证签注", "租房合同备案", Retire })
        {
            var replies = await NewConversation().SayAsync(question);

            Assert.All(replies.SelectMany(r => r.Buttons).Where(b => b.Type == "openUrl"), b => Assert.NotEqual("/", new Uri(b.Value).AbsolutePath));
        }
    }

    [Fact]
    public async Task RecordsHelpfulFeedbackAgainstTheAnswer()
    {
        var client = NewConversation();
        await client.SayAsync("社保卡丢了怎么补办");

        var thanks = await client.SayAsync("有帮助");

        Assert.Contains("谢谢", thanks.Single().Text, StringComparison.Ordinal);
        await using var db = await DbAsync();
        var conversation = await db.Conversations.SingleAsync(c => c.ChannelConversationId == client.ConversationId);
        var feedback = await db.Feedback.SingleAsync(f => f.ConversationId == conversation.Id);
        var answered = await db.Turns.SingleAsync(t => t.Id == feedback.TurnId);
        Assert.True(feedback.Helpful);
        Assert.Equal("sb-card", answered.MatterId);
    }

    [Fact]
    public async Task NotHelpfulApologisesOffersAHumanAndRecordsTheTrigger()
    {
        var client = NewConversation();
        await client.SayAsync("社保卡丢了怎么补办");

        var reply = (await client.SayAsync("没帮助")).Single();

        Assert.Contains("抱歉", reply.Text, StringComparison.Ordinal);
        Assert.Contains("上海市人力资源和社会保障局的人工服务时间", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("已为您转接", reply.Text, StringComparison.Ordinal);
        await using var db = await DbAsync();
        var conversation = await db.Conversations.SingleAsync(c => c.ChannelConversationId == client.ConversationId);
        Assert.Equal(HandoffReason.NotHelpful, conversation.HandoffReason);
        Assert.False((await db.Feedback.SingleAsync(f => f.ConversationId == conversation.Id)).Helpful);
    }

    [Fact]
    public async Task RecordsExplicitRequestsAndFrustrationAsHandoffTriggers()
    {
        var asks = NewConversation();
        await asks.SayAsync("我要找人工客服");
        var frustrated = NewConversation();
        var replies = await frustrated.SayAsync("气死了，护照到底怎么办");

        Assert.StartsWith("抱歉给您带来不便", replies.First(r => r.Type == "message").Text, StringComparison.Ordinal);
        await using var db = await DbAsync();
        Assert.Equal(HandoffReason.Requested, (await Find(db, asks)).HandoffReason);
        Assert.Equal(HandoffReason.Frustration, (await Find(db, frustrated)).HandoffReason);
    }

    [Fact]
    public async Task StoresEveryTurnMaskedWithTheDecisionAndBuild()
    {
        var client = NewConversation();
        var replies = await client.SayAsync("我手机13812345678，身份证310101199001011234，社保卡丢了怎么补办");

        Assert.All(replies, r => Assert.DoesNotContain("13812345678", r.Text, StringComparison.Ordinal));
        await using var db = await DbAsync();
        var conversation = await Find(db, client);
        var turns = await db.Turns.Where(t => t.ConversationId == conversation.Id).OrderBy(t => t.Sequence).ToListAsync();
        Assert.Equal(TurnRole.User, turns[0].Role);
        Assert.Contains("138****5678", turns[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("310101199001011234", turns[0].Text, StringComparison.Ordinal);
        var answer = turns[1];
        Assert.Equal("answer", answer.Decision);
        Assert.Equal("sb-card", answer.MatterId);
        Assert.NotNull(answer.Confidence);
        Assert.False(string.IsNullOrEmpty(answer.BuildId));
        Assert.False(string.IsNullOrEmpty(answer.Content));
        var state = await db.BotStates.SingleAsync(s => s.Key.Contains(client.ConversationId));
        Assert.Contains("phonenumber", state.Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedJsonIsAProblem()
    {
        var response = await factory.CreateClient().PostAsync("/api/messages", new StringContent("{\"type\": \"message\", ", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task JsonThatIsNotAnActivityIsAProblem()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/messages", new JsonArray(1, 2));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("type", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedActivitiesAreRefused()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/messages", new JsonObject { ["type"] = "message", ["text"] = new string('字', 300_000) });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task UnknownActivityTypesAreIgnoredPolitely()
    {
        var replies = await NewConversation().SendAsync(new JsonObject { ["type"] = "somethingNew" });

        Assert.Empty(replies);
    }

    [Fact]
    public async Task AttachmentsWithoutTextGetAPoliteAnswer()
    {
        var replies = await NewConversation().SendAsync(new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "image/png", ["contentUrl"] = "http://localhost:9/a.png" }),
        });

        Assert.Contains("文字", replies.Single().Text, StringComparison.Ordinal);
    }

    private BotClient NewConversation(string channel = "emulator") => new(factory.CreateClient(), Guid.NewGuid().ToString("N"), channel);

    // Transcripts are written behind the conversation: wait for the writer before looking at the database.
    private async Task<XiaoshenDbContext> DbAsync()
    {
        await factory.Services.GetRequiredService<StorageWriter>().FlushAsync();
        return factory.Services.CreateScope().ServiceProvider.GetRequiredService<XiaoshenDbContext>();
    }

    private static Task<Conversation> Find(XiaoshenDbContext db, BotClient client) =>
        db.Conversations.SingleAsync(c => c.ChannelConversationId == client.ConversationId);
}
