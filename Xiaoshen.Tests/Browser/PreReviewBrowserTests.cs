using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xiaoshen.Tests.Api;
using Xiaoshen.Tests.PreReview;
using Xunit.Abstractions;

namespace Xiaoshen.Tests.Browser;

/// <summary>
/// 材料预审 and 线下帮办 in the browser (issue 16), against the real service at an office hour (Friday 27 November 2026,
/// 10:00 Beijing time) with the repository's content: a person sends three photos in the widget and gets the findings,
/// the market regulator's supervisor finds the case in the console queue with the photos, the OCR text with the fields
/// marked and the findings, confirms it with a note, and the person is told in the same chat; an agent of another
/// department does not see it, and a colleague with the same case open is told who reviewed it first. The person then
/// books a half day at a centre, cancels it and books another, which the centre's console shows with the pre-review.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PreReviewBrowserTests(ITestOutputHelper output)
{
    private const float Wait = 20_000;

    [ChromiumCjkFact]
    public async Task APersonSendsPhotosStaffConfirmAndThePersonBooksCancelsAndBooksAgain()
    {
        using var content = new TestKnowledgeBase(TestKnowledgeBase.RepositorySource);
        await using var service = await ServiceProcess.StartAsync(
            new Dictionary<string, string> { ["Testing:ClockStart"] = "2026-11-27T10:00:00+08:00", ["DirectLine:Secret"] = DirectLineClient.Secret },
            content);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumFactAttribute.ExecutablePath, Headless = true, Args = ChromiumFactAttribute.LaunchArgs });
        Directory.CreateDirectory(HandedOver.Screenshots);
        try
        {
            // The person, in the widget on the portal page: asks, photographs three documents and sends them one by one.
            var citizen = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 420, Height = 860 }, Locale = "zh-CN", TimezoneId = "Asia/Shanghai" })).NewPageAsync();
            var chat = await WebChat.OpenAsync(citizen, service.BaseUrl);
            await WebChat.SendAsync(chat, "帮我预审一下食品经营许可证延续的材料");
            await WebChat.ExpectAsync(chat, "法定代表人身份证");
            await SendPhotoAsync(chat, service, "许可证.png", RenewalPhotos.FoodLicence);
            await SendPhotoAsync(chat, service, "执照.png", RenewalPhotos.BusinessLicence);
            await SendPhotoAsync(chat, service, "身份证.jpg", RenewalPhotos.IdCard);
            await WebChat.ExpectAsync(chat, "看起来已经过期");
            await WebChat.ExpectAsync(chat, "不一致");
            await Assertions.Expect(chat.GetByText("预审不等于受理")).Not.ToHaveCountAsync(0);

            // 王敏 answers for the housing fund: the market regulator's pre-review is not hers.
            var other = await SignedInAsync(browser, service, "gjj01");
            await Assertions.Expect(other.Locator(".xs-prereview[data-live=true]")).ToBeVisibleAsync(new() { Timeout = Wait });
            await Assertions.Expect(other.Locator("#prereview-queue .xs-item")).ToHaveCountAsync(0);

            // 陈静 supervises the departments the general group backs up, the market regulator among them.
            var staff = await SignedInAsync(browser, service, "banzhang");
            await Assertions.Expect(staff.Locator(".xs-prereview[data-live=true]")).ToBeVisibleAsync(new() { Timeout = Wait });
            await staff.Locator("#prereview-queue .xs-item").ClickAsync(new() { Timeout = Wait });
            await Assertions.Expect(staff.Locator("#findings")).ToContainTextAsync("已经过期", new() { Timeout = Wait });
            await Assertions.Expect(staff.Locator("#findings")).ToContainTextAsync("不一致");
            await Assertions.Expect(staff.Locator("img.xs-photo")).ToHaveCountAsync(3);
            await staff.WaitForFunctionAsync("() => [...document.querySelectorAll('img.xs-photo')].every(i => i.complete && i.naturalWidth > 0)");
            await Assertions.Expect(staff.Locator(".xs-photo-card[data-document='食品经营许可证'] mark.xs-field").First).ToBeVisibleAsync();
            var shown = await staff.Locator(".xs-prereview-detail").InnerTextAsync();
            Assert.DoesNotContain(RenewalPhotos.IdNumber, shown, StringComparison.Ordinal);
            await staff.ScreenshotAsync(new() { Path = Path.Combine(HandedOver.Screenshots, "prereview-console.png"), FullPage = true });

            // The administrator has the same case open, ready to review it too.
            var colleague = await SignedInAsync(browser, service, "admin");
            await Assertions.Expect(colleague.Locator(".xs-prereview[data-live=true]")).ToBeVisibleAsync(new() { Timeout = Wait });
            await colleague.Locator("#prereview-queue .xs-item").ClickAsync(new() { Timeout = Wait });
            await Assertions.Expect(colleague.Locator("#confirm")).ToBeVisibleAsync(new() { Timeout = Wait });
            await colleague.FillAsync("#review-note", "我也看过了");

            // A correction needs a note; a confirmation may carry one.
            await staff.ClickAsync("#correct");
            await Assertions.Expect(staff.Locator(".xs-error")).ToBeVisibleAsync();
            await staff.FillAsync("#review-note", "许可证已过期，请按新办申请，名称以营业执照为准。");
            await staff.ClickAsync("#confirm");
            await Assertions.Expect(staff.Locator("#review-result")).ToContainTextAsync("已确认", new() { Timeout = Wait });
            await Assertions.Expect(staff.Locator("#already-reviewed")).ToHaveCountAsync(0);

            // The colleague is told who came first, and can no longer review it (issue 16: prereview.alreadyReviewed).
            await Assertions.Expect(colleague.Locator("#already-reviewed")).ToContainTextAsync("同事 banzhang 已先处理了这份预审（已确认）", new() { Timeout = Wait });
            await Assertions.Expect(colleague.Locator("#confirm")).ToHaveCountAsync(0);
            await Assertions.Expect(colleague.Locator("#review-result")).ToContainTextAsync("许可证已过期，请按新办申请");

            // The person is told in the same chat.
            await WebChat.ExpectAsync(chat, "已由上海市市场监督管理局工作人员确认");
            await WebChat.ExpectAsync(chat, "许可证已过期，请按新办申请");

            // Then books help at a centre, cancels, and books another half day.
            await WebChat.SendAsync(chat, "我想去现场有人带着办");
            await Assertions.Expect(chat.GetByText(new Regex("您要办什么事项|您想去哪个中心")).Last).ToBeVisibleAsync(new() { Timeout = Wait });
            if (await chat.GetByText("您要办什么事项").CountAsync() > 0)
            {
                await WebChat.SendAsync(chat, "食品经营许可证延续");
                await WebChat.ExpectAsync(chat, "您想去哪个中心");
            }

            await WebChat.SendAsync(chat, "松江");
            await WebChat.ExpectAsync(chat, "您想哪天去松江区行政服务中心");
            await WebChat.SendAsync(chat, "下周二上午");
            await WebChat.ExpectAsync(chat, "12月1日（周二）上午");
            await chat.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^12月1日（周二）上午") }).Last.ClickAsync();
            await WebChat.ExpectAsync(chat, "预约成功");
            await WebChat.SendAsync(chat, "取消预约");
            await WebChat.ExpectAsync(chat, "已取消预约");
            await WebChat.SendAsync(chat, "预约线下帮办");
            await WebChat.ExpectAsync(chat, "您想去哪个中心");
            await WebChat.SendAsync(chat, "浦东新区，下周三下午");
            await WebChat.ExpectAsync(chat, "12月2日（周三）下午");
            await chat.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^12月2日（周三）下午") }).Last.ClickAsync();
            await WebChat.ExpectAsync(chat, "预约成功！浦东新区市民中心，12月2日（周三）下午");
            await WebChat.ExpectAsync(chat, "您的材料预审（编号");
            await citizen.ScreenshotAsync(new() { Path = Path.Combine(HandedOver.Screenshots, "prereview-booking-widget.png") });

            // The centre's console shows the booking with the pre-review of the same person and matter, linked to it.
            await staff.GotoAsync(service.BaseUrl + "/console/bookings");
            await Assertions.Expect(staff.Locator("#bookings-page[data-live=true]")).ToBeVisibleAsync(new() { Timeout = Wait });
            await staff.SelectOptionAsync("#centre", "pudong");
            for (var day = 0; day < 5; day++)
            {
                await staff.ClickAsync("#next-day");
            }

            await Assertions.Expect(staff.Locator("#day")).ToContainTextAsync("2026-12-02", new() { Timeout = Wait });
            var booked = staff.Locator("#bookings tr", new() { HasText = "食品经营许可证延续" });
            await booked.Locator("a.xs-prereview").ClickAsync(new() { Timeout = Wait });
            await Assertions.Expect(staff.Locator("#review-result")).ToContainTextAsync("已确认", new() { Timeout = Wait });
        }
        catch (PlaywrightException)
        {
            foreach (var (page, i) in browser.Contexts.SelectMany(c => c.Pages).Select((p, i) => (p, i)))
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(HandedOver.Screenshots, $"failure-prereview-{i}.png") });
            }

            output.WriteLine($"service {service.State}\n{service.Log}");
            throw;
        }
    }

    // A photo chosen in the widget is shown before it goes; 发送文件 sends it.
    private static async Task SendPhotoAsync(IFrameLocator chat, ServiceProcess service, string name, byte[] photo)
    {
        var file = Path.Combine(service.Content.Root, name);
        await File.WriteAllBytesAsync(file, photo);
        await chat.Locator("input[type=file]").SetInputFilesAsync(file);
        var staged = chat.GetByRole(AriaRole.Region, new() { Name = "待发送的文件" });
        await staged.GetByRole(AriaRole.Button, new() { Name = "发送文件" }).ClickAsync();
        await Assertions.Expect(staged).ToBeHiddenAsync(new() { Timeout = Wait });
    }

    private static async Task<IPage> SignedInAsync(IBrowser browser, ServiceProcess service, string userName)
    {
        var page = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 }, Locale = "zh-CN" })).NewPageAsync();
        await page.GotoAsync(service.BaseUrl + "/console/prereview");
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", AgentApi.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        return page;
    }
}
