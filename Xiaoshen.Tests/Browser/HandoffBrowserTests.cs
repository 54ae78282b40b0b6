using System.Diagnostics;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Xiaoshen.Tests.Browser;

/// <summary>
/// A citizen in the web chat widget and an agent in the console, two browser contexts against one real service at an
/// office hour (Friday 27 November 2026, 10:00 Beijing time). Screenshots go to the test output's <c>screenshots/</c>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HandoffBrowserTests(ITestOutputHelper output)
{
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [ChromiumFact]
    public async Task ACitizenAsksForAPersonAnAgentAcceptsTheyExchangeMessagesAndAnImageThenTheCitizenRates()
    {
        await using var service = await ServiceProcess.StartAsync(new Dictionary<string, string>
        {
            ["Testing:ClockStart"] = "2026-11-27T10:00:00+08:00",
            ["Handoff:Assignment"] = "Pick",
        });
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumFactAttribute.ExecutablePath, Headless = true, Args = ChromiumFactAttribute.LaunchArgs });
        await using var citizenContext = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 860 }, Locale = "zh-CN" });
        await using var agentContext = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 }, Locale = "zh-CN" });
        var citizen = await citizenContext.NewPageAsync();
        var agent = await agentContext.NewPageAsync();
        Directory.CreateDirectory(Screenshots);

        try
        {
            await HandOverAsync(service, citizen, agent);
        }
        catch (PlaywrightException)
        {
            // What each side saw, and what the service logged, for whoever reads the failure.
            await citizen.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "failure-citizen.png") });
            await agent.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "failure-agent.png") });
            output.WriteLine($"service {service.State}\n{service.Log}");
            throw;
        }
    }

    private async Task HandOverAsync(ServiceProcess service, IPage citizen, IPage agent)
    {
        // The citizen asks, then asks for a person.
        await citizen.GotoAsync(service.BaseUrl + "/demo");
        await citizen.ClickAsync(".xs-launcher");
        var chat = citizen.FrameLocator("iframe.xs-panel");
        await WebChat.ExpectAsync(chat, "您好，我是小申");
        await WebChat.SendAsync(chat, "退休了公积金怎么取");
        await WebChat.ExpectAsync(chat, "办理退休手续后"); // not the matter's name: the welcome menu shows it already
        await WebChat.SendAsync(chat, "转人工");
        await WebChat.ExpectAsync(chat, "正在为您转接上海市公积金管理中心的人工服务");

        // The agent signs in, sees the conversation waiting with its context, and accepts it.
        await agent.GotoAsync(service.BaseUrl + "/console");
        await agent.FillAsync("#username", "gjj01");
        await agent.FillAsync("#password", "xiaoshen-demo");
        await agent.ClickAsync("button[type=submit]");
        await Assertions.Expect(agent.Locator(".xs-workbench[data-live=true]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(agent.Locator("#queue .xs-item")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await agent.Locator("#queue .xs-item").ClickAsync();
        await Assertions.Expect(agent.Locator("#matter")).ToHaveTextAsync("离休、退休提取住房公积金");
        await Assertions.Expect(agent.Locator("#transcript")).ToContainTextAsync("退休了公积金怎么取");
        await agent.ClickAsync("#accept-selected");
        await WebChat.ExpectAsync(chat, "王敏已接入");

        // Messages both ways, timed from the click to the other side's screen (loopback, real browsers).
        var toCitizen = Stopwatch.StartNew();
        await agent.FillAsync("#reply", "您好，请问您是哪一年退休的？");
        await agent.ClickAsync("#send");
        await WebChat.ExpectAsync(chat, "您好，请问您是哪一年退休的？");
        toCitizen.Stop();

        var toAgent = Stopwatch.StartNew();
        await WebChat.SendAsync(chat, "今年十月退休的");
        await Assertions.Expect(agent.Locator("#transcript")).ToContainTextAsync("今年十月退休的", new() { Timeout = 20_000 });
        toAgent.Stop();
        output.WriteLine($"relay agent→citizen {toCitizen.ElapsedMilliseconds} ms, citizen→agent {toAgent.ElapsedMilliseconds} ms");

        // The agent sends a screenshot; the citizen sees the image.
        var image = Path.Combine(service.Content.Root, "办理页面.png");
        await File.WriteAllBytesAsync(image, Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="));
        await agent.Locator("#attach").SetInputFilesAsync(image);
        await Assertions.Expect(agent.Locator(".xs-pending")).ToContainTextAsync("办理页面.png");
        await agent.FillAsync("#reply", "请按截图中的入口办理。");
        await agent.ClickAsync("#send");
        await WebChat.ExpectAsync(chat, "请按截图中的入口办理。");
        await Assertions.Expect(chat.Locator("img[src*='/v3/directline/attachments/']").Last).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(agent.Locator("#transcript img.xs-image")).ToHaveCountAsync(1);
        await agent.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "console-conversation.png") });
        await citizen.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "widget-with-agent.png") });

        // The agent closes it as resolved; the citizen rates and is back with Xiaoshen.
        await agent.SelectOptionAsync("#outcome", "Resolved");
        await agent.ClickAsync("#close");
        await WebChat.ExpectAsync(chat, "请为本次服务打个分");
        await chat.GetByRole(AriaRole.Button, new() { Name = "满意", Exact = true }).Last.ClickAsync();
        await WebChat.ExpectAsync(chat, "感谢您的评价");
        await WebChat.SendAsync(chat, "那要带什么材料");
        await WebChat.ExpectAsync(chat, "本人有效居民身份证");
        await citizen.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "widget-rated.png") });

        // The supervisor's board counts today's session for the department, rated and resolved.
        await agent.ClickAsync("button:has-text('退出')");
        await agent.FillAsync("#username", "banzhang");
        await agent.FillAsync("#password", "xiaoshen-demo");
        await agent.ClickAsync("button[type=submit]");
        await agent.GotoAsync(service.BaseUrl + "/console/supervisor");
        var today = agent.Locator("#today tbody tr", new() { HasText = "上海市公积金管理中心" });
        await Assertions.Expect(today).ToContainTextAsync("100%", new() { Timeout = 20_000 });
        await Assertions.Expect(agent.Locator("#agents")).ToContainTextAsync("王敏");
        await agent.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "console-supervisor.png") });
    }
}
