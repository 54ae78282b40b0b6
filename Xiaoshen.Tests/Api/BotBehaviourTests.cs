using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel.ChatCompletion;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Tests.Fakes;

namespace Xiaoshen.Tests.Api;

/// <summary>Behaviour that needs its own host: restarts, settings, a failing or slow LLM.</summary>
public sealed class BotBehaviourTests
{
    [Fact]
    public async Task ARestartLosesNoConversation()
    {
        using var content = new TestKnowledgeBase();
        var conversation = Guid.NewGuid().ToString("N");
        using (var first = BotApiFactory.On(content))
        {
            await new BotClient(first.CreateClient(), conversation).SayAsync("退休了公积金怎么取");
        }

        using var second = BotApiFactory.On(content);
        var replies = await new BotClient(second.CreateClient(), conversation).SayAsync("那要带什么材料");

        var answer = replies.Last(r => r.Type == "message");
        Assert.Contains("离休、退休提取住房公积金", answer.Text, StringComparison.Ordinal);
        Assert.Contains("申请材料", answer.Text, StringComparison.Ordinal);
        await second.Services.GetRequiredService<StorageWriter>().FlushAsync();
        await using var db = second.Services.CreateScope().ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var stored = await db.Conversations.SingleAsync(c => c.ChannelConversationId == conversation);
        Assert.Equal(4, await db.Turns.CountAsync(t => t.ConversationId == stored.Id));
    }

    [Fact]
    public async Task LongAnswersAreSplitAndTheButtonsComeLast()
    {
        using var factory = new BotApiFactory().WithSetting("ConversationMessages:MaxReplyLength", "200");

        var replies = (await new BotClient(factory.CreateClient(), "long").SayAsync("社保卡怎么申领要什么条件")).Where(r => r.Type == "message").ToList();

        Assert.True(replies.Count >= 2, $"{replies.Count} message(s)");
        Assert.All(replies, r => Assert.InRange(r.Text.Length, 1, 200));
        Assert.All(replies.SkipLast(1), r => Assert.Empty(r.Suggestions));
        Assert.Contains("有帮助", replies[^1].Suggestions);
    }

    [Fact]
    public async Task SendsATypingIndicatorWhenWorkTakesAMoment()
    {
        using var factory = SlowLlm(TimeSpan.FromMilliseconds(400), "…", timeoutSeconds: 5).WithSetting("ConversationMessages:TypingDelayMilliseconds", "50");

        var replies = await new BotClient(factory.CreateClient(), "typing", typing: true).SayAsync("退休了公积金怎么取");

        Assert.Equal("typing", replies[0].Type);
        Assert.Equal("message", replies[^1].Type);
    }

    [Fact]
    public async Task AFailingTurnApologisesAndResetsTheConversation()
    {
        var fake = new FakeChatCompletionService((_, _) => throw new NotSupportedException("boom"));
        using var factory = WithLlm(fake);
        var client = new BotClient(factory.CreateClient(), "failing");

        var apology = await client.SayAsync("退休了公积金怎么取");
        var afterwards = await client.SayAsync("多久能到账");

        Assert.Contains("出了点问题", apology.Single().Text, StringComparison.Ordinal);
        Assert.DoesNotContain(afterwards, r => r.Text.Contains("离休、退休提取住房公积金", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheLlmComposesFromTheRetrievedPassagesWithPersonalDataMasked()
    {
        var fake = new FakeChatCompletionService((_, _) => Task.FromResult("退休后在随申办申请即可一次性提取。[gjj-retire-withdraw]"));
        using var factory = WithLlm(fake);

        var answer = (await new BotClient(factory.CreateClient(), "llm").SayAsync("我手机13812345678，退休了公积金怎么取")).Last(r => r.Type == "message");

        Assert.Contains("退休后在随申办申请即可一次性提取。", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("[gjj-retire-withdraw]", answer.Text, StringComparison.Ordinal);
        var prompt = Assert.Single(fake.Prompts);
        var system = prompt[0].Content!;
        var user = prompt[1].Content!;
        Assert.Equal(AuthorRole.System, prompt[0].Role);
        Assert.Contains("[gjj-retire-withdraw]", system, StringComparison.Ordinal);
        Assert.Contains("办理退休手续后", user, StringComparison.Ordinal);
        Assert.Contains("## 申请材料", user, StringComparison.Ordinal);
        Assert.Contains("138****5678", user, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", user, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnLlmReplyWithoutTheCitationIsNotSent()
    {
        var fake = new FakeChatCompletionService((_, _) => Task.FromResult("公积金可以随时全部取出。"));
        using var factory = WithLlm(fake);

        var answer = (await new BotClient(factory.CreateClient(), "uncited").SayAsync("退休了公积金怎么取")).Last(r => r.Type == "message");

        Assert.DoesNotContain("随时全部取出", answer.Text, StringComparison.Ordinal);
        Assert.Contains("办理退休手续后", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASlowLlmFallsBackToTheExtractiveAnswer()
    {
        using var factory = SlowLlm(TimeSpan.FromSeconds(30), "太慢了 [gjj-retire-withdraw]", timeoutSeconds: 0.3);

        var answer = (await new BotClient(factory.CreateClient(), "slow").SayAsync("退休了公积金怎么取")).Last(r => r.Type == "message");

        Assert.Contains("办理退休手续后", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("太慢了", answer.Text, StringComparison.Ordinal);
    }

    private static BotApiFactory WithLlm(FakeChatCompletionService fake) =>
        new BotApiFactory().WithServices(services => services.AddSingleton<IChatCompletionService>(fake));

    private static BotApiFactory SlowLlm(TimeSpan delay, string text, double timeoutSeconds) =>
        WithLlm(new FakeChatCompletionService(async (_, token) =>
        {
            await Task.Delay(delay, token);
            return text;
        })).WithSetting("Llm:TimeoutSeconds", timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
