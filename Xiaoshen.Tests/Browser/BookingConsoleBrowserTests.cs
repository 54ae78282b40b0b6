using System.Text.Json;
using Microsoft.Playwright;
using Xiaoshen.Tests.Api;
using Xunit.Abstractions;

namespace Xiaoshen.Tests.Browser;

/// <summary>
/// issue 16: a person books in-person help over Direct Line (Tuesday 1 December 2026, 10:00 Beijing time); the centre's
/// staff cannot check them in the day before, and on the day check them in and mark the help done (and another booking
/// as not come to) on the console's bookings page, in Chromium against the real service restarted on the next morning. The supervisor
/// sees which leaders have accompanied anyone this year. The page's screenshot is the README's.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BookingConsoleBrowserTests(ITestOutputHelper output)
{
    private const float Wait = 20_000;

    [ChromiumFact]
    public async Task StaffCheckInAPersonWhoBookedInTheChat()
    {
        // One content folder (and database beside it) for both processes; the test owns it.
        using var content = new TestKnowledgeBase();
        var service = await ServiceProcess.StartAsync(
            new Dictionary<string, string> { ["Testing:ClockStart"] = "2026-12-01T10:00:00+08:00", ["DirectLine:Secret"] = DirectLineClient.Secret },
            content);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumFactAttribute.ExecutablePath, Headless = true, Args = ChromiumFactAttribute.LaunchArgs });
        Directory.CreateDirectory(HandedOver.Screenshots);
        IPage? page = null;
        try
        {
            var code = await BookAsync(service, "我想去现场有人带着办", "住房租赁合同登记备案", "松江", "明天上午");
            // The test's Direct Line user is one person: another matter is another booking.
            var absent = await BookAsync(service, "租房提取公积金，想预约线下帮办", "松江", "明天下午");

            page = await SignInAsync(browser, service);
            await Assertions.Expect(page.Locator("#day")).ToContainTextAsync("2026-12-01");

            // The day before, 签到 is refused with the reason, and the booking stays as it was (issue 16).
            await page.ClickAsync("#next-day");
            var row = page.Locator($"#bookings tr[data-code={code}]");
            await Assertions.Expect(row).ToContainTextAsync("住房租赁合同登记备案", new() { Timeout = Wait });
            await row.GetByRole(AriaRole.Button, new() { Name = "签到" }).ClickAsync();
            await Assertions.Expect(page.Locator("#mark-refused")).ToHaveTextAsync("还没到预约当天，不能签到或标记未到场。", new() { Timeout = Wait });
            await Assertions.Expect(row.Locator(".xs-booking-status")).ToHaveTextAsync("已预约");

            // The next morning, on what the first process stored.
            await service.KillAsync();
            var restarted = await ServiceProcess.StartAsync(
                new Dictionary<string, string> { ["Testing:ClockStart"] = "2026-12-02T09:30:00+08:00", ["DirectLine:Secret"] = DirectLineClient.Secret },
                content);
            await service.DisposeAsync();
            service = restarted;
            page = await SignInAsync(browser, service);
            await Assertions.Expect(page.Locator("#day")).ToContainTextAsync("2026-12-02");
            row = page.Locator($"#bookings tr[data-code={code}]");
            await Assertions.Expect(row.Locator(".xs-booking-status")).ToHaveTextAsync("已预约", new() { Timeout = Wait });
            await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = "办结" })).ToHaveCountAsync(0);

            await row.GetByRole(AriaRole.Button, new() { Name = "签到" }).ClickAsync();
            await Assertions.Expect(row.Locator(".xs-booking-status")).ToHaveTextAsync("已签到", new() { Timeout = Wait });
            await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = "签到" })).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#mark-refused")).ToHaveCountAsync(0);

            var leader = page.Locator("#leaders tr", new() { HasText = "周立新" });
            await Assertions.Expect(leader).ToContainTextAsync("尚未帮办");
            await page.ScreenshotAsync(new() { Path = Path.Combine(HandedOver.Screenshots, "booking-console.png"), FullPage = true });

            // 办结 closes the visit; a booking nobody came to is marked 未到场 (what repeated no-shows are counted from).
            await row.GetByRole(AriaRole.Button, new() { Name = "办结" }).ClickAsync();
            await Assertions.Expect(row.Locator(".xs-booking-status")).ToHaveTextAsync("已办结", new() { Timeout = Wait });
            await Assertions.Expect(row.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
            var absentRow = page.Locator($"#bookings tr[data-code={absent}]");
            await absentRow.GetByRole(AriaRole.Button, new() { Name = "未到场" }).ClickAsync();
            await Assertions.Expect(absentRow.Locator(".xs-booking-status")).ToHaveTextAsync("未到场", new() { Timeout = Wait });
            await Assertions.Expect(absentRow.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        }
        catch (PlaywrightException)
        {
            if (page is not null)
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(HandedOver.Screenshots, "failure-booking-console.png") });
            }

            output.WriteLine($"service {service.State}\n{service.Log}");
            throw;
        }
        finally
        {
            await service.DisposeAsync();
        }
    }

    private static async Task<IPage> SignInAsync(IBrowser browser, ServiceProcess service)
    {
        var page = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 }, Locale = "zh-CN" })).NewPageAsync();
        await page.GotoAsync(service.BaseUrl + "/console/bookings");
        await page.FillAsync("#username", "banzhang");
        await page.FillAsync("#password", AgentApi.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("#bookings-page[data-live=true]")).ToBeVisibleAsync(new() { Timeout = Wait });
        return page;
    }

    // A person in Web Chat: each message, then the offered half day's button; returns the booking code told.
    private static async Task<string> BookAsync(ServiceProcess service, params string[] messages)
    {
        using var http = new HttpClient { BaseAddress = new Uri(service.BaseUrl) };
        var person = await new DirectLineClient(http).StartAsync();
        foreach (var message in messages)
        {
            await person.PostAsync(message);
        }

        var (activities, _) = await person.ActivitiesAsync();
        var offer = activities.Last(a => a.GetProperty("from").GetProperty("role").GetString() == "bot");
        var slot = offer.GetProperty("suggestedActions").GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("title").GetString()!).First();
        await person.PostAsync(slot);
        var (after, _) = await person.ActivitiesAsync();
        var booked = after.Last(a => a.GetProperty("from").GetProperty("role").GetString() == "bot").GetProperty("text").GetString()!;
        Assert.StartsWith("预约成功", booked, StringComparison.Ordinal);
        return booked[(booked.IndexOf("预约码 ", StringComparison.Ordinal) + 4)..][..7];
    }
}
