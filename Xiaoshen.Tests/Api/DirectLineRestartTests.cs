namespace Xiaoshen.Tests.Api;

public sealed class DirectLineRestartTests
{
    [Fact]
    public async Task AWebChatConversationAndItsHistorySurviveARestart()
    {
        using var content = new TestKnowledgeBase();
        DirectLineClient before;
        using (var first = DirectLineClient.Configure(BotApiFactory.On(content)))
        {
            before = await new DirectLineClient(first.CreateClient()).StartAsync();
            await before.PostAsync("退休了公积金怎么取");
        }

        using var second = DirectLineClient.Configure(BotApiFactory.On(content));
        var after = new DirectLineClient(second.CreateClient()) { Token = before.Token, ConversationId = before.ConversationId };

        var (history, watermark) = await after.ActivitiesAsync();
        var id = await after.PostAsync("那要带什么材料");
        var (latest, _) = await after.ActivitiesAsync(watermark);

        Assert.Contains(history, a => a.TryGetProperty("text", out var t) && t.GetString() == "退休了公积金怎么取");
        Assert.Contains(history, a => a.TryGetProperty("text", out var t) && t.GetString()!.Contains("离休、退休提取住房公积金", StringComparison.Ordinal));
        Assert.Equal($"{before.ConversationId}|{int.Parse(watermark, System.Globalization.CultureInfo.InvariantCulture):D7}", id);
        Assert.Contains(latest, a => a.TryGetProperty("text", out var t) && t.GetString()!.Contains("申请材料", StringComparison.Ordinal));
    }
}
