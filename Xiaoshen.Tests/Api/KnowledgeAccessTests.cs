using System.Net;
using System.Text.Json;
using Xiaoshen.Bot.Handoff;

namespace Xiaoshen.Tests.Api;

/// <summary>Who may read the knowledge endpoints (issue 11, low items): a summary for everyone, the details for staff.</summary>
public sealed class KnowledgeAccessTests
{
    [Fact]
    public async Task WithoutSigningInTheStatusIsOnlyASummary()
    {
        using var factory = new BotApiFactory();

        var status = await GetJsonAsync(factory.CreateClient(), "/api/knowledge/status");

        Assert.Equal(6, status.GetProperty("matters").GetInt32());
        Assert.True(status.GetProperty("healthy").GetBoolean());
        Assert.False(string.IsNullOrEmpty(status.GetProperty("build").GetString()));
        Assert.False(status.TryGetProperty("problems", out _));
        Assert.False(status.TryGetProperty("answerThreshold", out _));
    }

    [Theory]
    [InlineData("editor", true)]
    [InlineData("banzhang", true)]
    [InlineData("gjj01", false)]
    public async Task EditorsSupervisorsAndAdminsSeeTheFullStatus(string userName, bool full)
    {
        using var factory = new BotApiFactory();
        var client = await TestAccounts.SignedInAsync(factory, userName);

        var status = await GetJsonAsync(client, "/api/knowledge/status");

        Assert.Equal(full, status.TryGetProperty("problems", out _));
        Assert.Equal(full, status.TryGetProperty("answerThreshold", out _));
    }

    [Fact]
    public async Task InProductionAskingNeedsASignedInConsoleUser()
    {
        using var factory = new BotApiFactory().WithEnvironment("Production");
        var anonymous = factory.CreateClient();
        await TestAccounts.AddAsync(factory, "zhang", "correct-horse-battery", [HumanAgent.AgentRole], "gjj");
        var agent = await TestAccounts.SignedInAsync(factory, "zhang", "correct-horse-battery");

        using var refused = await anonymous.GetAsync(Ask);
        using var answered = await agent.GetAsync(Ask);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }

    [Fact]
    public async Task AnOptionOpensAskingToEveryoneInProduction()
    {
        using var factory = new BotApiFactory().WithEnvironment("Production").WithSetting("KnowledgeAdmin:AnonymousAsk", "true");

        using var response = await factory.CreateClient().GetAsync(Ask);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string Ask => "/api/knowledge/ask?q=" + Uri.EscapeDataString("社保卡丢了怎么补办");

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync())).RootElement.Clone();
    }
}
