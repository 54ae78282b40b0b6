using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Xiaoshen.Tests.Api;

/// <summary>With an app id configured, /api/messages requires Azure Bot Service's JWT, except in Development and Testing.</summary>
public sealed class BotAuthenticationTests
{
    private static readonly JsonObject Activity = new()
    {
        ["type"] = "message",
        ["text"] = "你好",
        ["channelId"] = "webchat",
        ["serviceUrl"] = "http://localhost:9/",
        ["deliveryMode"] = "expectReplies",
        ["conversation"] = new JsonObject { ["id"] = "auth" },
        ["from"] = new JsonObject { ["id"] = "user" },
        ["recipient"] = new JsonObject { ["id"] = "bot" },
    };

    [Fact]
    public async Task RejectsUnauthenticatedActivitiesWhenAnAppIdIsConfigured()
    {
        using var factory = new BotApiFactory()
            .WithEnvironment("Production")
            .WithSetting("PublicEndpoint:BaseUrl", "https://chat.example.gov.cn")
            .WithSetting("MicrosoftAppId", "00000000-0000-0000-0000-000000000001")
            .WithSetting("MicrosoftAppPassword", "not-a-real-secret");

        var response = await factory.CreateClient().PostAsJsonAsync("/api/messages", Activity);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AcceptsTheEmulatorInTestingEvenWithAnAppId()
    {
        using var factory = new BotApiFactory().WithSetting("MicrosoftAppId", "00000000-0000-0000-0000-000000000001");

        var response = await factory.CreateClient().PostAsJsonAsync("/api/messages", Activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
