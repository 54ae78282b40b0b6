using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xiaoshen.Tests.Api;
using Xunit.Abstractions;

namespace Xiaoshen.Tests.Browser;

/// <summary>
/// The editors' loop (issue 14, section 4) in a real service with the content watcher on: a question 小申 cannot answer
/// shows up on /console/knowledge, an editor attaches it to a matter's FAQ, the watcher rebuilds, and the same question
/// is then answered over the Bot Framework endpoint; the hit test shows the serving build next to the one before the
/// edit. The page is screenshotted to the test output's <c>screenshots/knowledge-editor.png</c>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class KnowledgeEditorBrowserTests(ITestOutputHelper output)
{
    private const float Wait = 20_000;
    private const string Question = "我那张蓝色的卡没了";
    private const string LostCardAnswer = "先在随申办搜索“社保卡挂失”";
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [ChromiumFact]
    public async Task AnEditorAttachesAnUnansweredQuestionToAMatterAndAfterTheRebuildItIsAnswered()
    {
        await using var service = await ServiceProcess.StartAsync(new Dictionary<string, string>
        {
            ["Knowledge:WatchContent"] = "true",
            ["Knowledge:RebuildDelayMilliseconds"] = "300",
            ["Knowledge:PollSeconds"] = "2",
        });
        using var http = new HttpClient { BaseAddress = new Uri(service.BaseUrl) };
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumFactAttribute.ExecutablePath, Headless = true, Args = ChromiumFactAttribute.LaunchArgs });
        await using var context = await browser.NewContextAsync(new() { Locale = "zh-CN", ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();

        try
        {
            // A person asks; Xiaoshen does not answer it from the content.
            var before = await new BotClient(http, "editor-loop-1").SayAsync(Question);
            Assert.DoesNotContain(before, a => a.Text.Contains(LostCardAnswer, StringComparison.Ordinal));
            var servingBefore = await ServingBuildAsync(http);

            // The editor finds it grouped under the closest matter and attaches it to FAQ 1 (社保卡丢了怎么补办？).
            await page.GotoAsync(service.BaseUrl + "/console/login");
            await page.FillAsync("#username", "editor");
            await page.FillAsync("#password", "xiaoshen-demo");
            await page.ClickAsync("button[type=submit]");
            await page.GotoAsync(service.BaseUrl + "/console/knowledge");
            await Assertions.Expect(page.Locator("#knowledge-page[data-live=true]")).ToBeVisibleAsync(new() { Timeout = Wait });
            var row = page.Locator("#unanswered tbody tr", new() { HasText = Question });
            await Assertions.Expect(row).ToContainTextAsync("社会保障卡申领、补换与挂失", new() { Timeout = Wait });
            await Assertions.Expect(row).ToContainTextAsync("没答上");
            await row.Locator("button[id^=attach-]").ClickAsync();
            await Assertions.Expect(page.Locator("#attach-matter")).ToHaveValueAsync("sb-card", new() { Timeout = Wait });
            await page.SelectOptionAsync("#attach-faq", "1");
            await Assertions.Expect(page.Locator("#attach-wording")).ToHaveValueAsync(Question);
            Directory.CreateDirectory(Screenshots);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "knowledge-editor-attach.png"), FullPage = true });
            await page.ClickAsync("#confirm-attach");
            await Assertions.Expect(page.Locator("#knowledge-status")).ToContainTextAsync("已把“" + Question + "”写入", new() { Timeout = Wait });
            await Assertions.Expect(page.Locator("#content-edits tbody tr").First).ToContainTextAsync("editor", new() { Timeout = Wait });
            await Assertions.Expect(page.Locator("#content-edits tbody tr").First).ToContainTextAsync("已写入");
            await Assertions.Expect(page.Locator("#unanswered tbody tr", new() { HasText = Question })).ToHaveCountAsync(0);
            Assert.Contains("医保卡丢了在哪补｜" + Question, service.Content.Read("matters/sb-card.md"), StringComparison.Ordinal);

            // The watcher rebuilds; the same question is now answered with the FAQ it was attached to.
            // On a busy machine the first build can start just before the save lands; the next one holds the phrasing.
            await Eventually.TrueAsync(async () => await ServingBuildAsync(http) != servingBefore, "the content watcher did not rebuild after the edit");
            var asks = 1;
            await Eventually.TrueAsync(
                async () => (await new BotClient(http, $"editor-loop-{++asks}").SayAsync(Question)).Any(a => a.Text.Contains(LostCardAnswer, StringComparison.Ordinal)),
                "the question attached to FAQ 1 was not answered with it after the rebuild");

            // The build report lists the new build beside the one before it.
            await Eventually.TrueAsync(
                async () =>
                {
                    await page.ReloadAsync();
                    await Assertions.Expect(page.Locator("#knowledge-page[data-live=true]")).ToBeVisibleAsync(new() { Timeout = Wait });
                    return await page.Locator("#build-report tbody tr").CountAsync() >= 2;
                },
                "the build report did not list both builds");

            // The hit test shows the serving build answering and the build before the edit not.
            await page.FillAsync("#hit-question", Question);
            await page.ClickAsync("#hit-run");
            var serving = page.Locator("#hit-results .xs-hit[data-kind=serving]");
            var previous = page.Locator("#hit-results .xs-hit[data-kind=previous]");
            await Assertions.Expect(serving.Locator(".xs-decision")).ToHaveAttributeAsync("data-decision", "answer", new() { Timeout = Wait });
            await Assertions.Expect(previous.Locator(".xs-decision")).Not.ToHaveAttributeAsync("data-decision", "answer");
            await Assertions.Expect(previous).ToHaveAttributeAsync("data-build", servingBefore);

            // A candidate built from the content folder as it is now is compared too (never served).
            await page.ClickAsync("#candidate-build");
            await Assertions.Expect(page.Locator("#candidate-status")).ToContainTextAsync("已建好", new() { Timeout = 60_000 });
            var candidate = page.Locator("#hit-results .xs-hit[data-kind=candidate]");
            await Assertions.Expect(candidate.Locator(".xs-decision")).ToHaveAttributeAsync("data-decision", "answer", new() { Timeout = Wait });
            Directory.CreateDirectory(Screenshots);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "knowledge-editor.png"), FullPage = true });
        }
        catch (Exception ex) when (ex is PlaywrightException or Xunit.Sdk.XunitException or TimeoutException)
        {
            output.WriteLine($"service {service.State}\n{service.Log}");
            throw;
        }
    }

    private static async Task<string> ServingBuildAsync(HttpClient http)
    {
        var status = await http.GetFromJsonAsync<JsonElement>("/api/knowledge/status");
        return status.GetProperty("build").GetString()!;
    }
}
