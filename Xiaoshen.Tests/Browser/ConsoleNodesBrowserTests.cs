using Microsoft.Playwright;
using Xiaoshen.Tests.Api;
using Xiaoshen.Tests.Cluster;
using Xiaoshen.Tests.Storage;
using Xunit.Abstractions;

namespace Xiaoshen.Tests.Browser;

/// <summary>
/// issue 13: the console follows the handoff changes of every node (the change feed, topic handoff). Two real service
/// processes on one PostgreSQL database and one Redis; a supervisor's workbench open on node B lists a conversation a
/// citizen queued on node A, with no change on B and no reload. Chromium, at an office hour (Friday 27 November 2026,
/// 10:00 Beijing time).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleNodesBrowserTests(ITestOutputHelper output)
{
    private const float Wait = 20_000;

    [RedisFact(withPostgres: true, withChromium: true)]
    public async Task AConversationQueuedOnOneNodeAppearsOnTheOtherNodesConsoleAtOnce()
    {
        using var deployment = new RedisDeployment();
        await using var database = PostgresDatabase.NotCreated();
        var settings = new Dictionary<string, string>(TwoProcessTests.Settings(deployment, database))
        {
            ["Testing:ClockStart"] = "2026-11-27T10:00:00+08:00",
            ["Testing:ClockStartedAt"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
        var nodes = await Task.WhenAll(ServiceProcess.StartAsync(settings), ServiceProcess.StartAsync(settings));
        await using var nodeA = nodes[0];
        await using var nodeB = nodes[1];
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumFactAttribute.ExecutablePath, Headless = true, Args = ChromiumFactAttribute.LaunchArgs });
        try
        {
            var page = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 }, Locale = "zh-CN" })).NewPageAsync();
            await page.GotoAsync(nodeB.BaseUrl + "/console");
            await page.FillAsync("#username", "banzhang");
            await page.FillAsync("#password", AgentApi.DemoPassword);
            await page.ClickAsync("button[type=submit]");
            await Assertions.Expect(page.Locator(".xs-workbench[data-live=true]")).ToBeVisibleAsync(new() { Timeout = Wait });
            await Assertions.Expect(page.Locator("#queue .xs-item")).ToHaveCountAsync(0);

            using var http = new HttpClient { BaseAddress = new Uri(nodeA.BaseUrl) };
            var person = await new DirectLineClient(http).StartAsync();
            await person.PostAsync("退休了公积金怎么取");
            await person.PostAsync("转人工");

            await Assertions.Expect(page.Locator("#queue .xs-item")).ToHaveCountAsync(1, new() { Timeout = Wait });
        }
        catch (PlaywrightException)
        {
            output.WriteLine($"node A {nodeA.State}\n{nodeA.Log}\nnode B {nodeB.State}\n{nodeB.Log}");
            throw;
        }
    }
}
