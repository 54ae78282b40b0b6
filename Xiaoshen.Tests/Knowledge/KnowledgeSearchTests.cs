using Microsoft.Extensions.Time.Testing;
using Xiaoshen.Knowledge.Content;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Tests.Knowledge;

public sealed class KnowledgeSearchTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    private KnowledgeSearch Search => fixture.Search;

    [Theory]
    [InlineData("我下个月退休，公积金里的钱能一次性拿出来吗", "gjj-retire-withdraw")]
    [InlineData("社保卡掉了咋办", "sb-card")]
    [InlineData("公基金租房能提吗", "gjj-rent-withdraw")]
    [InlineData("去香港的签注怎么续", "crj-hk-macao")]
    public async Task AnswersColloquialQuestionsWithTheRightMatter(string question, string matter)
    {
        var answer = await Search.AskAsync(question);

        Assert.Equal(Decision.Answer, answer.Decision);
        Assert.Equal(matter, answer.Matter?.Id);
        Assert.NotNull(answer.ContentId);
        Assert.Equal(Search.Build.Id, answer.BuildId);
    }

    [Fact]
    public async Task AnswersTheAskedSectionOfAMatter()
    {
        var answer = await Search.AskAsync("办护照收费吗");

        Assert.Equal(Decision.Answer, answer.Decision);
        Assert.Equal("crj-passport", answer.Matter?.Id);
        Assert.Equal(SectionKind.Fees, answer.AskedSection);
        Assert.True(answer.Section?.Kind == SectionKind.Fees || answer.Faq is not null);
    }

    [Theory]
    [InlineData("那要带什么材料", SectionKind.Materials)]
    [InlineData("多久能好", SectionKind.TimeLimit)]
    [InlineData("在哪里办", SectionKind.Channels)]
    public async Task AnswersBareFollowUpsForTheCurrentMatter(string question, SectionKind section)
    {
        var answer = await Search.AskAsync(question, new SearchRequest { CurrentMatterId = "gjj-retire-withdraw" });

        Assert.Equal(Decision.Answer, answer.Decision);
        Assert.Equal("gjj-retire-withdraw", answer.Matter?.Id);
        Assert.Equal(section, answer.Section?.Kind);
        Assert.Contains("follow-up", answer.Reason, StringComparison.Ordinal);
    }

    // Issue 12, item 8: the 租赁提取 hot button sends the matter's name, whose 费用 was read as a question about fees.
    [Fact]
    public async Task TheMattersOwnNameIsAnsweredWithItsOverview()
    {
        var answer = await Search.AskAsync("提取住房公积金支付房屋租赁费用");

        Assert.Equal("gjj-rent-withdraw", answer.Matter?.Id);
        Assert.True(answer.IsOverview, answer.Reason);
        Assert.Null(answer.AskedSection);
        Assert.Equal("gjj-rent-withdraw/overview", answer.ContentId);
    }

    [Theory]
    [InlineData("退休了公积金怎么取", "gjj-retire-withdraw#1")]
    [InlineData("护照快过期了怎么换", "crj-passport#5")]
    public async Task AQuestionAnFaqWasWrittenForGetsThatFaq(string question, string faq)
    {
        var answer = await Search.AskAsync(question);

        Assert.Equal(faq, answer.ContentId);
    }

    [Fact]
    public async Task ASectionButtonAnswersThatSectionOfTheCurrentMatter()
    {
        var answer = await Search.AskAsync("收费标准", new SearchRequest { CurrentMatterId = "crj-passport" });

        Assert.Equal(Decision.Answer, answer.Decision);
        Assert.Equal("crj-passport/Fees", answer.ContentId);
    }

    [Fact]
    public async Task AQuestionThatNamesAnotherMatterLeavesTheCurrentOne()
    {
        var answer = await Search.AskAsync("护照要带什么材料", new SearchRequest { CurrentMatterId = "crj-hk-macao" });

        Assert.Equal("crj-passport", answer.Matter?.Id);
        Assert.True(answer.ContentId is "crj-passport/Materials" or "crj-passport#2", answer.ContentId);
    }

    [Fact]
    public async Task AClearlyNewTopicSwitchesMatter()
    {
        var answer = await Search.AskAsync("护照丢了怎么补办", new SearchRequest { CurrentMatterId = "gjj-retire-withdraw" });

        Assert.Equal(Decision.Answer, answer.Decision);
        Assert.Equal("crj-passport", answer.Matter?.Id);
    }

    [Theory]
    [InlineData("转人工")]
    [InlineData("你听不懂，我要找真人")]
    [InlineData("护照的事帮我接人工客服")]
    public async Task RecognisesRequestsForAHuman(string question)
    {
        var answer = await Search.AskAsync(question);

        Assert.Equal(Decision.Human, answer.Decision);
    }

    [Fact]
    public async Task KeepsTheMatterOfAHumanRequestForRouting()
    {
        var answer = await Search.AskAsync("护照的事帮我接人工客服");

        Assert.Equal("crj-passport", answer.Matters[0].MatterId);
    }

    [Theory]
    [InlineData("你好", "greeting")]
    [InlineData("谢谢，帮了大忙", "thanks")]
    [InlineData("你是真人吗", "identity")]
    public async Task RecognisesChitchat(string question, string intent)
    {
        var answer = await Search.AskAsync(question);

        Assert.Equal(Decision.Chitchat, answer.Decision);
        Assert.Equal(intent, answer.Chitchat?.Name);
    }

    [Theory]
    [InlineData("深圳公积金怎么提取")]
    [InlineData("明天会下雨吗")]
    [InlineData("？？？")]
    [InlineData("asdfgh")]
    public async Task FallsBackHonestlyOnQuestionsItCannotAnswer(string question)
    {
        var answer = await Search.AskAsync(question);

        Assert.Equal(Decision.Fallback, answer.Decision);
        Assert.False(string.IsNullOrEmpty(answer.Reason));
    }

    [Fact]
    public async Task DoesNotTreatForeignWorkPermitsAsAHumanRequest()
    {
        // 外国人工作 contains 人工 across a word boundary.
        var answer = await Search.AskAsync("外国人工作许可");

        Assert.NotEqual(Decision.Human, answer.Decision);
    }

    [Fact]
    public async Task RanksMattersWithScoresAndConfidence()
    {
        var hits = await Search.SearchAsync("公积金提取", new SearchRequest { Top = 3 });

        Assert.Equal(3, hits.Count);
        Assert.All(hits.Take(2), h => Assert.StartsWith("gjj-", h.MatterId, StringComparison.Ordinal));
        Assert.True(hits[0].Confidence >= hits[1].Confidence);
        Assert.All(hits, h => Assert.InRange(h.Confidence, 0, 1));
    }

    [Fact]
    public async Task CalibratesThresholdsOnTheDevSet()
    {
        var calibration = Search.Build.Calibration;

        Assert.True(calibration.TrainedOn > 0, calibration.Note);
        Assert.InRange(calibration.ClarifyThreshold, 0, calibration.AnswerThreshold);
        Assert.Contains("out-of-fold", calibration.Note, StringComparison.Ordinal);
        await Task.CompletedTask;
    }

    // Issue 12, item 3: the service refuses a question that a topic of out-of-scope.yaml takes before it weighs the confidence,
    // so the thresholds are not fitted as if that question were answered (stop 66: five topics refused dev questions answered
    // out of fold at 0.6-0.98, and the answer threshold fell from 0.53 to 0.47); kb train's note says how many there were.
    [Fact]
    public async Task ADevQuestionThatAListedTopicRefusesIsCountedAsRefusedWhenTheThresholdsAreChosen()
    {
        using var content = new TestKnowledgeBase();
        File.AppendAllText(content.PathOf("eval/dev.jsonl"), "{\"q\": \"银行卡密码忘了怎么重置\", \"kind\": \"oos\", \"matter\": null}\n");
        var (search, indexer) = KnowledgeFixture.Create(content);
        using (search)
        {
            await indexer.RefreshAsync();

            var refused = await search.AskAsync("银行卡密码忘了怎么重置");
            Assert.Equal("银行和日常消费", refused.OutOfScopeTopic);
            Assert.Matches(@"\d+ oos, 1 of them refused as topics outside the catalogue", search.Build.Calibration.Note);
        }
    }

    [Fact]
    public async Task DoesNotAnswerExpiredMatters()
    {
        using var content = new TestKnowledgeBase();
        content.Replace("matters/crj-passport.md", "updated:", "expires: 2026-03-01\nupdated:");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(8)));
        var (search, indexer) = KnowledgeFixture.Create(content, clock);
        using (search)
        {
            Assert.True((await indexer.RefreshAsync()).IsValid);

            var answer = await search.AskAsync("护照过期了怎么换发");

            Assert.NotEqual("crj-passport", answer.Matter?.Id);
            Assert.DoesNotContain(answer.Matters, m => m.MatterId == "crj-passport");
        }
    }
}
