using System.Diagnostics;
using Microsoft.Playwright;
using Xiaoshen.Tests.Api;
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

    [ChromiumFact]
    public async Task AnAgentWhoClosesTheConsoleIsGoneTheCitizenIsToldTheBoardAlertsAndABackupAgentTakesOver()
    {
        // Issue 11, item 8, on short settings: an agent is online while heard within 3 s; the person hears how the wait is
        // going every 5 s; the backup group is called after 5 s and the first-response promise is 10 s.
        await using var service = await ServiceProcess.StartAsync(new Dictionary<string, string>
        {
            ["Testing:ClockStart"] = "2026-11-27T10:00:00+08:00",
            ["Handoff:Assignment"] = "Auto",
            ["Handoff:PresenceTimeoutSeconds"] = "3",
            ["Handoff:WaitingUpdateSeconds"] = "5",
            ["Handoff:EscalateAfterSeconds"] = "5",
            ["Handoff:FirstResponseSeconds"] = "10",
        });
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumFactAttribute.ExecutablePath, Headless = true, Args = ChromiumFactAttribute.LaunchArgs });
        var citizen = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 860 }, Locale = "zh-CN" })).NewPageAsync();
        var agent = await (await browser.NewContextAsync(new() { Locale = "zh-CN" })).NewPageAsync();
        var board = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 }, Locale = "zh-CN" })).NewPageAsync();
        var backup = await (await browser.NewContextAsync(new() { Locale = "zh-CN" })).NewPageAsync();
        Directory.CreateDirectory(Screenshots);

        try
        {
            await SignInAsync(agent, service.BaseUrl + "/console", "gjj01");
            await Assertions.Expect(agent.Locator(".xs-workbench[data-live=true]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
            await SignInAsync(board, service.BaseUrl + "/console/supervisor", "admin");
            await Assertions.Expect(board.Locator("#agents tr", new() { HasText = "王敏" })).ToContainTextAsync("在线", new() { Timeout = 20_000 });

            var chat = await WebChat.OpenAsync(citizen, service.BaseUrl);
            await WebChat.SendAsync(chat, "退休了公积金怎么取");
            await WebChat.ExpectAsync(chat, "办理退休手续后");
            await WebChat.SendAsync(chat, "转人工");
            await WebChat.ExpectAsync(chat, "已为您接通上海市公积金管理中心的工作人员王敏");

            // The agent closes the console. Nobody else of the department is there, and the person is told so.
            await agent.CloseAsync();
            await WebChat.ExpectAsync(chat, "王敏已离开");
            await WebChat.ExpectAsync(chat, "上海市公积金管理中心的工作人员暂时都不在线");
            await Assertions.Expect(chat.GetByRole(AriaRole.Button, new() { Name = "留言", Exact = true }).Last).ToBeVisibleAsync();
            await Assertions.Expect(chat.GetByText("1 分钟以内")).ToHaveCountAsync(0);
            await WebChat.ExpectAsync(chat, "仍在为您排队");
            await Assertions.Expect(board.Locator("#agents tr", new() { HasText = "王敏" })).ToContainTextAsync("离线", new() { Timeout = 20_000 });
            await Assertions.Expect(board.Locator("#alerts")).ToContainTextAsync("仍无人接待", new() { Timeout = 20_000 });
            await Assertions.Expect(board.GetByText("暂无告警")).ToHaveCountAsync(0);
            await board.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "console-supervisor-alert.png") });
            await citizen.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "widget-agent-gone.png") });

            // An agent of the backup group comes online and is introduced with their own department.
            await SignInAsync(backup, service.BaseUrl + "/console", "general01");
            await WebChat.ExpectAsync(chat, "一网通办综合服务的工作人员张丽已接入");
            await Assertions.Expect(backup.Locator("#mine .xs-item")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        }
        catch (PlaywrightException)
        {
            await citizen.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "failure-gone-citizen.png") });
            await board.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "failure-gone-board.png") });
            output.WriteLine($"service {service.State}\n{service.Log}");
            throw;
        }
    }

    [ChromiumFact]
    public async Task TheConsoleLinksOnlyXiaoshensOwnFilesAndDropsAConversationTransferredAway()
    {
        // Issue 11, items 14 and 9: a person's client chooses its attachment URLs; the agent's browser must not follow them.
        await using var service = await ServiceProcess.StartAsync(new Dictionary<string, string>
        {
            ["Testing:ClockStart"] = "2026-11-27T10:00:00+08:00",
            ["Handoff:Assignment"] = "Pick",
            ["DirectLine:Secret"] = DirectLineClient.Secret,
        });
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumFactAttribute.ExecutablePath, Headless = true, Args = ChromiumFactAttribute.LaunchArgs });
        var agent = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 }, Locale = "zh-CN" })).NewPageAsync();
        var outside = new List<string>();
        agent.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(service.BaseUrl, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                lock (outside)
                {
                    outside.Add(request.Url);
                }
            }
        };
        using var http = new HttpClient { BaseAddress = new Uri(service.BaseUrl) };
        var person = await new DirectLineClient(http).StartAsync();
        Directory.CreateDirectory(Screenshots);

        try
        {
            await person.PostAsync("退休了公积金怎么取");
            await person.PostAsync("转人工");
            await SignInAsync(agent, service.BaseUrl + "/console", "gjj01");
            await Assertions.Expect(agent.Locator(".xs-workbench[data-live=true]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
            await agent.Locator("#queue .xs-item").ClickAsync();
            await agent.ClickAsync("#accept-selected");
            await Assertions.Expect(agent.Locator("#reply")).ToBeVisibleAsync(new() { Timeout = 20_000 });

            await person.UploadAsync("截图.png", "image/png", DirectLineClient.OnePixelPng);
            await person.PostAsync(
                "请看附件",
                ("image/png", "https://tracker.example/pixel.png", "pixel.png"),
                ("application/pdf", "javascript:alert(document.cookie)", "办事指南.pdf"),
                ("audio/mpeg", "https://tracker.example/voice.mp3", "语音.mp3"),
                ("video/mp4", "https://tracker.example/clip.mp4", "视频.mp4"));
            var transcript = agent.Locator("#transcript");
            await Assertions.Expect(transcript).ToContainTextAsync("请看附件", new() { Timeout = 20_000 });

            await Assertions.Expect(transcript.Locator("img")).ToHaveCountAsync(1);
            Assert.StartsWith("/v3/directline/attachments/", await transcript.Locator("img").GetAttributeAsync("src"), StringComparison.Ordinal);
            await Assertions.Expect(transcript.Locator(".xs-untrusted")).ToHaveCountAsync(4);
            await Assertions.Expect(transcript).ToContainTextAsync("javascript:alert(document.cookie)");
            await Assertions.Expect(transcript.Locator("[href^='javascript:'], [href*='tracker.example'], [src*='tracker.example'], audio, video")).ToHaveCountAsync(0);
            await agent.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "console-untrusted-files.png") });
            lock (outside)
            {
                Assert.Empty(outside);
            }

            // Handed to another department, the conversation leaves this agent's screen.
            await agent.SelectOptionAsync("#transfer-to", "rsj");
            await agent.ClickAsync("#transfer");
            await Assertions.Expect(transcript).ToHaveCountAsync(0, new() { Timeout = 20_000 });
            await Assertions.Expect(agent.GetByText("从左侧选择一个会话")).ToBeVisibleAsync();
        }
        catch (PlaywrightException)
        {
            await agent.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "failure-files-agent.png") });
            output.WriteLine($"service {service.State}\n{service.Log}");
            throw;
        }
    }

    private static async Task SignInAsync(IPage page, string url, string userName)
    {
        await page.GotoAsync(url);
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", AgentApi.DemoPassword);
        await page.ClickAsync("button[type=submit]");
    }

    private async Task HandOverAsync(ServiceProcess service, IPage citizen, IPage agent)
    {
        // The citizen asks, then asks for a person.
        var chat = await WebChat.OpenAsync(citizen, service.BaseUrl);
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
        await Assertions.Expect(chat.Locator("#xs-staff")).ToHaveTextAsync("人工服务中：王敏（上海市公积金管理中心）", new() { Timeout = 20_000 });

        // Messages both ways, timed from the click to the other side's screen (loopback, real browsers).
        var toCitizen = Stopwatch.StartNew();
        await agent.FillAsync("#reply", "您好，请问您是哪一年退休的？");
        await agent.ClickAsync("#send");
        await WebChat.ExpectAsync(chat, "您好，请问您是哪一年退休的？");
        toCitizen.Stop();

        // The agent is shown as themselves (issue 15): their own avatar, and screen readers hear their name and department,
        // in Chinese, not "机器人 申 说" nor the English "message".
        await Assertions.Expect(chat.Locator(".xs-staff-avatar").Last).ToHaveTextAsync("王");
        await Assertions.Expect(chat.GetByText("工作人员王敏（上海市公积金管理中心）说：您好，请问您是哪一年退休的？").First).ToBeAttachedAsync();
        await Assertions.Expect(chat.GetByText("小申说：").First).ToBeAttachedAsync();
        await Assertions.Expect(chat.GetByText("机器人")).ToHaveCountAsync(0);
        await Assertions.Expect(chat.Locator("[aria-roledescription=message]")).ToHaveCountAsync(0);
        await Assertions.Expect(chat.Locator("[aria-roledescription=消息]").First).ToBeAttachedAsync();

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
        await agent.ClickAsync("#confirm-close");
        await WebChat.ExpectAsync(chat, "请为本次服务打个分");
        await Assertions.Expect(chat.Locator("#xs-staff")).ToBeHiddenAsync(new() { Timeout = 20_000 });
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
