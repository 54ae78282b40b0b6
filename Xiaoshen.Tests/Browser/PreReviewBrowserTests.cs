using Microsoft.Playwright;
using Xiaoshen.Tests.Api;
using Xiaoshen.Tests.PreReview;
using Xunit.Abstractions;

namespace Xiaoshen.Tests.Browser;

/// <summary>
/// 材料预审 from the person's photos to the department's confirmation (issue 16), against the real service at an office
/// hour (Friday 27 November 2026, 10:00 Beijing time) with the repository's content: a person sends three photos over
/// Direct Line, the market regulator's supervisor finds the case in the console queue with the photos, the OCR text with
/// the fields marked and the findings, confirms it with a note, and the person is told in the same conversation. An
/// agent of another department does not see it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PreReviewBrowserTests(ITestOutputHelper output)
{
    private const float Wait = 20_000;

    [ChromiumCjkFact]
    public async Task StaffConfirmAPreReviewInTheConsoleAndThePersonIsTold()
    {
        using var content = new TestKnowledgeBase(TestKnowledgeBase.RepositorySource);
        await using var service = await ServiceProcess.StartAsync(
            new Dictionary<string, string> { ["Testing:ClockStart"] = "2026-11-27T10:00:00+08:00", ["DirectLine:Secret"] = DirectLineClient.Secret },
            content);
        using var http = new HttpClient { BaseAddress = new Uri(service.BaseUrl) };
        var person = await new DirectLineClient(http).StartAsync();
        await PreReviewFlowTests.SayAsync(person, "帮我预审一下食品经营许可证延续的材料");
        await PreReviewFlowTests.UploadAsync(person, "许可证.png", RenewalPhotos.FoodLicence);
        await PreReviewFlowTests.UploadAsync(person, "执照.png", RenewalPhotos.BusinessLicence);
        var result = await PreReviewFlowTests.UploadAsync(person, "身份证.jpg", RenewalPhotos.IdCard, "image/jpeg");
        Assert.Contains("预审不等于受理", result, StringComparison.Ordinal);
        var (_, watermark) = await person.ActivitiesAsync();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumFactAttribute.ExecutablePath, Headless = true, Args = ChromiumFactAttribute.LaunchArgs });
        Directory.CreateDirectory(HandedOver.Screenshots);
        try
        {
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

            // A correction needs a note; a confirmation may carry one.
            await staff.ClickAsync("#correct");
            await Assertions.Expect(staff.Locator(".xs-error")).ToBeVisibleAsync();
            await staff.FillAsync("#review-note", "许可证已过期，请按新办申请，名称以营业执照为准。");
            await staff.ClickAsync("#confirm");
            await Assertions.Expect(staff.Locator("#review-result")).ToContainTextAsync("已确认", new() { Timeout = Wait });

            await Eventually.TrueAsync(
                async () => (await PreReviewFlowTests.RepliesSinceAsync(person, watermark)).Contains("已由上海市市场监督管理局工作人员确认", StringComparison.Ordinal),
                "the person was not told the department's confirmation");
            var told = await PreReviewFlowTests.RepliesSinceAsync(person, watermark);
            Assert.Contains("许可证已过期，请按新办申请", told, StringComparison.Ordinal);
            Assert.Contains("预审不等于受理", told, StringComparison.Ordinal);
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
