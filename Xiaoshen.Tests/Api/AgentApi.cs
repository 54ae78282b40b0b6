using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Xiaoshen.Tests.Api;

/// <summary>What a tool on the agent API (<c>/api/agent</c>) does, signed in as one of the seeded demo accounts.</summary>
internal static class AgentApi
{
    public const string DemoPassword = "xiaoshen-demo";

    public static async Task<HttpClient> SignInAsync(this BotApiFactory factory, string userName)
    {
        var client = factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/agent/sign-in", new { userName, password = DemoPassword });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        return client;
    }

    /// <summary>The conversation at the head of the agent's queue.</summary>
    public static async Task<Guid> FirstWaitingAsync(this HttpClient agent) =>
        (await agent.GetFromJsonAsync<JsonElement>("/api/agent/queue")).GetProperty("waiting")[0].GetProperty("conversationId").GetGuid();
}
