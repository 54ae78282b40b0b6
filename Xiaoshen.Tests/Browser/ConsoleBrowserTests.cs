using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xiaoshen.Tests.Api;
using Xunit.Abstractions;

namespace Xiaoshen.Tests.Browser;

/// <summary>
/// The console tried as a new agent, supervisor and admin would (issue 14, section 5), in Chromium against the real
/// service at an office hour (Friday 27 November 2026, 10:00 Beijing time). Citizens talk over Direct Line.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ConsoleBrowserTests(ITestOutputHelper output)
{
    private const float Wait = 20_000;

    [ChromiumFact]
    public async Task ANewConversationChimesAndBadgesTheTitleTheTranscriptReadsAsTheCitizenSawItAndClosingNeedsAnOutcome()
    {
        await RunAsync("Auto", "alerts", async (service, browser) =>
        {
            var agent = await SignedInAsync(browser, service, "/console", "gjj01");
            await Assertions.Expect(agent.Locator(".xs-workbench[data-live=true]")).ToBeVisibleAsync(new() { Timeout = Wait });
            await Assertions.Expect(agent).ToHaveTitleAsync("工作台");

            // A conversation is assigned: one chime, and the title carries a badge until the agent opens it.
            await CitizenAsync(service, "退休了公积金怎么取", "转人工");
            await Assertions.Expect(agent.Locator("#mine .xs-item")).ToHaveCountAsync(1, new() { Timeout = Wait });
            await Assertions.Expect(agent).ToHaveTitleAsync("(1) 工作台");
            Assert.Equal(1, await agent.EvaluateAsync<int>("() => window.xiaoshenConsoleAlert.chimes"));
            await agent.Locator("#mine .xs-item").ClickAsync();
            await Assertions.Expect(agent).ToHaveTitleAsync("工作台");

            // Xiaoshen's answer as the citizen saw it: Markdown rendered, a Chinese label, the matter's name, no internals.
            var transcript = agent.Locator("#transcript");
            await Assertions.Expect(transcript.Locator(".xs-decision").First).ToHaveTextAsync("已回答", new() { Timeout = Wait });
            await Assertions.Expect(transcript.Locator(".xs-meta").First).ToContainTextAsync("离休、退休提取住房公积金");
            await Assertions.Expect(transcript.Locator(".xs-rendered strong, .xs-rendered em, .xs-rendered li").First).ToBeAttachedAsync();
            var shown = await transcript.InnerTextAsync();
            Assert.DoesNotContain("**", shown, StringComparison.Ordinal);
            Assert.DoesNotContain("*来源", shown, StringComparison.Ordinal);
            Assert.DoesNotContain("gjj-retire-withdraw", shown, StringComparison.Ordinal);
            Assert.DoesNotMatch(AnswerInternals(), shown);
            await agent.ScreenshotAsync(new() { Path = Path.Combine(HandedOver.Screenshots, "console-transcript-rendered.png") });

            // Closing: no outcome is preselected, the button waits for one, and a confirmation names it.
            await Assertions.Expect(agent.Locator("#outcome")).ToHaveValueAsync(string.Empty);
            await Assertions.Expect(agent.Locator("#close")).ToBeDisabledAsync();
            await agent.SelectOptionAsync("#outcome", "NotResolved");
            await agent.ClickAsync("#close");
            await Assertions.Expect(agent.Locator("#confirm-close")).ToHaveTextAsync("确认结束（未解决）");
            await agent.ClickAsync("#confirm-close");
            await Assertions.Expect(agent.GetByRole(AriaRole.Status)).ToContainTextAsync("会话已结束", new() { Timeout = Wait });

            // Alerts switched off (and remembered): the next conversation neither chimes nor badges the title.
            await agent.Locator("#alerts-toggle").UncheckAsync();
            await CitizenAsync(service, "退休了公积金怎么取", "转人工");
            await Assertions.Expect(agent.Locator("#mine .xs-item")).ToHaveCountAsync(1, new() { Timeout = Wait });
            await Assertions.Expect(agent).ToHaveTitleAsync("工作台");
            Assert.Equal(1, await agent.EvaluateAsync<int>("() => window.xiaoshenConsoleAlert.chimes"));
            await agent.ReloadAsync();
            await Assertions.Expect(agent.Locator(".xs-workbench[data-live=true]")).ToBeVisibleAsync(new() { Timeout = Wait });
            await Assertions.Expect(agent.Locator("#alerts-toggle")).Not.ToBeCheckedAsync();
        });
    }

    [ChromiumFact]
    public async Task ASupervisorWhoTransfersIsLeftWithNoStaleAcceptAndTheBoardNamesDepartments()
    {
        await RunAsync("Pick", "transfer", async (service, browser) =>
        {
            var supervisor = await SignedInAsync(browser, service, "/console", "banzhang");
            await Assertions.Expect(supervisor.Locator(".xs-workbench[data-live=true]")).ToBeVisibleAsync(new() { Timeout = Wait });
            await CitizenAsync(service, "退休了公积金怎么取", "转人工");
            await supervisor.Locator("#queue .xs-item").ClickAsync(new() { Timeout = Wait });
            await supervisor.ClickAsync("#accept-selected");
            await Assertions.Expect(supervisor.Locator("#reply")).ToBeVisibleAsync(new() { Timeout = Wait });

            await supervisor.SelectOptionAsync("#transfer-to", "rsj");
            await supervisor.ClickAsync("#transfer");

            // The supervisor may still read it in the queue, but the screen leaves it: no 接入 button for a conversation just sent away.
            await Assertions.Expect(supervisor.GetByRole(AriaRole.Status)).ToContainTextAsync("已转接", new() { Timeout = Wait });
            await Assertions.Expect(supervisor.Locator("#accept-selected")).ToHaveCountAsync(0);
            await Assertions.Expect(supervisor.GetByText("从左侧选择一个会话")).ToBeVisibleAsync();

            // On the board, groups are the departments' names.
            var board = await SignedInAsync(browser, service, "/console/supervisor", "admin");
            var row = board.Locator("#agents tr", new() { HasText = "陈静" });
            await Assertions.Expect(row).ToContainTextAsync("一网通办综合服务", new() { Timeout = Wait });
            await Assertions.Expect(row).Not.ToContainTextAsync("general");
        });
    }

    [ChromiumFact]
    public async Task AnAdminSeesDepartmentsNotCodesPicksRolesAndGroupsAndEditsAnAccount()
    {
        await RunAsync("Pick", "accounts", async (service, browser) =>
        {
            var admin = await SignedInAsync(browser, service, "/console/accounts", "admin");
            await Assertions.Expect(admin.Locator("#accounts-page[data-live=true]")).ToBeVisibleAsync(new() { Timeout = Wait });
            var wang = admin.Locator("#accounts tr[data-id=gjj01]");
            await Assertions.Expect(wang).ToContainTextAsync("上海市公积金管理中心");
            await Assertions.Expect(wang).ToContainTextAsync("坐席");
            await Assertions.Expect(wang.Locator("td").Nth(3)).Not.ToContainTextAsync("gjj");

            // Roles and groups are picked from lists; there is no box to type a group into.
            await Assertions.Expect(admin.Locator("#new-groups, #new-roles")).ToHaveCountAsync(0);
            await admin.FillAsync("#new-id", "gjj02");
            await admin.FillAsync("#new-name", "刘洋");
            await admin.CheckAsync("#role-supervisor");
            await admin.CheckAsync("#group-gjj");
            await admin.FillAsync("#new-account-password", "gjj02-password");
            await admin.ClickAsync("#create");
            await Assertions.Expect(admin.Locator("#accounts tr[data-id=gjj02]")).ToContainTextAsync("坐席、班长", new() { Timeout = Wait });

            // Edited from the page: a new name and a second department.
            await admin.ClickAsync("#edit-gjj01");
            await Assertions.Expect(admin.Locator("#new-name")).ToHaveValueAsync("王敏");
            await Assertions.Expect(admin.Locator("#group-gjj")).ToBeCheckedAsync();
            await admin.FillAsync("#new-name", "王敏华");
            await admin.CheckAsync("#group-rsj");
            await admin.ClickAsync("#save");
            await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("已保存 gjj01", new() { Timeout = Wait });
            await Assertions.Expect(wang).ToContainTextAsync("王敏华");
            await Assertions.Expect(wang).ToContainTextAsync("上海市公积金管理中心、上海市人力资源和社会保障局");
            await admin.ScreenshotAsync(new() { Path = Path.Combine(HandedOver.Screenshots, "console-accounts.png") });
        });
    }

    [ChromiumFact]
    public async Task ASupervisorWorksTheWorkOrderOfABadRatingFromContactToClosing()
    {
        await RunAsync("Pick", "orders", async (service, browser) =>
        {
            // The citizen rates 小申 非常不满意 with a comment: a 整改 order for the matter's department.
            await CitizenAsync(service, "退休了公积金怎么取", "评价小申", "非常不满意 没说清楚要带什么");
            var supervisor = await SignedInAsync(browser, service, "/console/orders", "banzhang");
            await Assertions.Expect(supervisor.Locator("#orders-page[data-live=true]")).ToBeVisibleAsync(new() { Timeout = Wait });
            var order = supervisor.Locator("#orders tbody tr").First;
            await Assertions.Expect(order).ToContainTextAsync("非常不满意", new() { Timeout = Wait });
            await Assertions.Expect(order).ToContainTextAsync("没说清楚要带什么");
            await Assertions.Expect(order).ToContainTextAsync("待联系");
            await Assertions.Expect(order).ToContainTextAsync("待回访");
            var number = await order.GetAttributeAsync("data-number");

            // Contacted needs the 回访's result; then the fix, marked complex (15 working days), then done and closed.
            await supervisor.ClickAsync($"#Contacted-{number}");
            await Assertions.Expect(supervisor.GetByRole(AriaRole.Status)).ToContainTextAsync("请先填写回访结果", new() { Timeout = Wait });
            await supervisor.FillAsync($"#note-{number}", "已电话回访，市民希望列出所需材料");
            await supervisor.ClickAsync($"#Contacted-{number}");
            await Assertions.Expect(order).ToContainTextAsync("已联系", new() { Timeout = Wait });
            await Assertions.Expect(order).ToContainTextAsync("陈静 于");
            await Assertions.Expect(order).ToContainTextAsync("已电话回访，市民希望列出所需材料");
            await supervisor.CheckAsync($"#complex-{number}");
            await supervisor.ClickAsync($"#Rectifying-{number}");
            await Assertions.Expect(order).ToContainTextAsync("整改中", new() { Timeout = Wait });
            await Assertions.Expect(order).ToContainTextAsync("（复杂）");
            await supervisor.FillAsync($"#note-{number}", "已在事项中补充材料清单");
            await supervisor.ClickAsync($"#Rectified-{number}");
            await Assertions.Expect(order).ToContainTextAsync("已整改", new() { Timeout = Wait });
            await supervisor.ScreenshotAsync(new() { Path = Path.Combine(HandedOver.Screenshots, "console-orders.png") });
            await supervisor.ClickAsync($"#Closed-{number}");
            await Assertions.Expect(supervisor.Locator("#orders tbody tr")).ToHaveCountAsync(0, new() { Timeout = Wait });
            await supervisor.Locator("#orders-page input[type=checkbox]").First.CheckAsync();
            await Assertions.Expect(supervisor.Locator("#orders tbody tr").First).ToContainTextAsync("已办结", new() { Timeout = Wait });
        });
    }

    // English internals the transcript once showed: "answer · gjj-… · 99%".
    [GeneratedRegex(@"\b(answer|clarify|fallback|chitchat)\b")]
    private static partial Regex AnswerInternals();

    private static async Task CitizenAsync(ServiceProcess service, params string[] messages)
    {
        using var http = new HttpClient { BaseAddress = new Uri(service.BaseUrl) };
        var person = await new DirectLineClient(http).StartAsync();
        foreach (var message in messages)
        {
            await person.PostAsync(message);
        }
    }

    private static async Task<IPage> SignedInAsync(IBrowser browser, ServiceProcess service, string path, string userName)
    {
        var page = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 }, Locale = "zh-CN" })).NewPageAsync();
        await page.GotoAsync(service.BaseUrl + path);
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", AgentApi.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        return page;
    }

    private async Task RunAsync(string assignment, string name, Func<ServiceProcess, IBrowser, Task> body)
    {
        await using var service = await ServiceProcess.StartAsync(new Dictionary<string, string>
        {
            ["Testing:ClockStart"] = "2026-11-27T10:00:00+08:00",
            ["Handoff:Assignment"] = assignment,
            ["DirectLine:Secret"] = DirectLineClient.Secret,
        });
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumFactAttribute.ExecutablePath, Headless = true, Args = ChromiumFactAttribute.LaunchArgs });
        Directory.CreateDirectory(HandedOver.Screenshots);
        try
        {
            await body(service, browser);
        }
        catch (PlaywrightException)
        {
            foreach (var (page, i) in browser.Contexts.SelectMany(c => c.Pages).Select((p, i) => (p, i)))
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(HandedOver.Screenshots, $"failure-{name}-{i}.png") });
            }

            output.WriteLine($"service {service.State}\n{service.Log}");
            throw;
        }
    }
}
