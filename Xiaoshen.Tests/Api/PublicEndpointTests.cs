using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xiaoshen.Tests.Fakes;

namespace Xiaoshen.Tests.Api;

/// <summary>
/// The service behind a reverse proxy and on the internet (issue 11): client addresses from trusted proxies only, limits
/// a carrier NAT does not hit, links from the configured address rather than the Host header, nosniff everywhere.
/// </summary>
public sealed class PublicEndpointTests
{
    private const string Proxy = "10.0.0.1";

    [Fact]
    public async Task BehindATrustedProxyEachClientHasItsOwnTokenLimit()
    {
        using var factory = Host().WithSetting("PublicEndpoint:KnownProxies:0", Proxy).WithSetting("DirectLine:TokenRequestsPerMinute", "3");
        var http = factory.CreateClient();

        var people = new List<HttpStatusCode>();
        for (var person = 1; person <= 10; person++)
        {
            people.Add(await TokenAsync(http, Proxy, $"203.0.113.{person}"));
        }

        var one = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            one.Add(await TokenAsync(http, Proxy, "198.51.100.9"));
        }

        Assert.All(people, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], one);
    }

    [Fact]
    public async Task ForwardedForIsIgnoredUnlessItComesFromAConfiguredProxy()
    {
        using var factory = Host().WithSetting("PublicEndpoint:KnownProxies:0", Proxy).WithSetting("DirectLine:TokenRequestsPerMinute", "3");
        using var unconfigured = Host().WithSetting("DirectLine:TokenRequestsPerMinute", "3");

        var spoofed = new List<HttpStatusCode>();
        var nothingTrusted = new List<HttpStatusCode>();
        for (var i = 1; i <= 4; i++)
        {
            spoofed.Add(await TokenAsync(factory.CreateClient(), "198.51.100.7", $"203.0.113.{i}"));
            nothingTrusted.Add(await TokenAsync(unconfigured.CreateClient(), "127.0.0.1", $"203.0.113.{i}"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, spoofed[^1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, nothingTrusted[^1]);
    }

    [Fact]
    public async Task TwoHundredPagesBehindOneCarrierNatAllGetTokens()
    {
        using var factory = Host();
        var http = factory.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var page = 0; page < 200; page++)
        {
            statuses.Add(await TokenAsync(http, "100.64.1.1", null));
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task LinksAreBuiltFromTheConfiguredAddressNotTheHostHeader()
    {
        using var factory = Host().WithSetting("PublicEndpoint:BaseUrl", "https://chat.example.gov.cn/");
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Host = "evil.example";
        var client = await new DirectLineClient(http).StartAsync();

        using var upload = await DirectLineUploadTests.UploadAsync(client, [("image/png", "截图.png", DirectLineUploadTests.PngBytes)]);
        var (activities, _) = await client.ActivitiesAsync("1");

        Assert.StartsWith($"wss://chat.example.gov.cn/v3/directline/conversations/{client.ConversationId}/stream?", client.StreamUrl, StringComparison.Ordinal);
        var link = DirectLineUploadTests.WithFiles(activities).GetProperty("attachments")[0].GetProperty("contentUrl").GetString();
        Assert.StartsWith($"https://chat.example.gov.cn/v3/directline/attachments/{client.ConversationId}/", link, StringComparison.Ordinal);
    }

    [Fact]
    public void ProductionRefusesToStartWithoutAPublicAddress()
    {
        using var factory = Host().WithEnvironment("Production").WithSetting("PublicEndpoint:BaseUrl", string.Empty);

        var refused = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("PublicEndpoint:BaseUrl is not set", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProductionStartsWithAPublicAddress()
    {
        using var factory = Host().WithEnvironment("Production").WithSetting("PublicEndpoint:BaseUrl", "https://chat.example.gov.cn");

        using var health = await factory.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/webchat")]
    [InlineData("/webchat-assets/webchat-page.js")]
    [InlineData("/no-such-page")]
    [InlineData("/v3/directline/attachments/abc/def.png?e=1&s=x")]
    public async Task EveryResponseTellsBrowsersNotToGuessTheType(string path)
    {
        using var factory = Host();

        using var response = await factory.CreateClient().GetAsync(path);

        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task AnAttachmentIsServedWithTheTypeItWasCheckedFor()
    {
        using var factory = Host();
        var client = await new DirectLineClient(factory.CreateClient()).StartAsync();
        using var upload = await DirectLineUploadTests.UploadAsync(client, [("image/png", "截图.png", DirectLineUploadTests.PngBytes)]);
        var (activities, _) = await client.ActivitiesAsync("1");
        var link = new Uri(DirectLineUploadTests.WithFiles(activities).GetProperty("attachments")[0].GetProperty("contentUrl").GetString()!);

        using var file = await client.Http.GetAsync(link.PathAndQuery);

        Assert.Equal("image/png", file.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", string.Join(",", file.Headers.GetValues("X-Content-Type-Options")));
    }

    private static async Task<HttpStatusCode> TokenAsync(HttpClient http, string remote, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webchat/token");
        request.Headers.Add(FakeRemoteAddress.Header, remote);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        using var response = await http.SendAsync(request);
        if (response.IsSuccessStatusCode)
        {
            Assert.NotEmpty((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!);
        }

        return response.StatusCode;
    }

    private static BotApiFactory Host() =>
        DirectLineClient.Configure(new BotApiFactory()).WithServices(s => s.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, FakeRemoteAddress>());
}
