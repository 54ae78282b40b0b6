using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Xiaoshen.Tests.Browser;

/// <summary>
/// 适老化 and accessibility (issue 15, item 4) in a real Chromium: elder mode's computed sizes, and axe-core audits of
/// the widget on <c>/demo</c>, <c>/webchat</c> in both modes and the console workbench. Screenshots go to the test
/// output's <c>screenshots/</c>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityBrowserTests(ITestOutputHelper output)
{
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [ChromiumFact]
    public async Task ElderModeHasLargeTextLargeTargetsPlainWordingNoMotionAndIsRemembered()
    {
        await using var service = await ServiceProcess.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumFactAttribute.ExecutablePath, Headless = true, Args = ChromiumFactAttribute.LaunchArgs });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "zh-CN" });
        Directory.CreateDirectory(Screenshots);

        await page.GotoAsync(service.BaseUrl + "/webchat");
        await Assertions.Expect(page.GetByText("您好，我是小申").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await AxeAudit.AssertCleanAsync(page.MainFrame, "/webchat");

        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "长辈版" });
        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        await page.Locator(".webchat__send-box-text-box__input").FillAsync("退休了公积金怎么取");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByText("办理退休手续后").Last).ToBeVisibleAsync(new() { Timeout = 20_000 });

        // Text of 18 px or more with line spacing of 1.3 or more, headings larger, targets of 60×60 px, nothing moving.
        var text = await page.EvaluateAsync<double[]>("""
            () => {
              const bubble = [...document.querySelectorAll('.webchat__bubble__content')].pop();
              const leaf = [...bubble.querySelectorAll('*')].filter(e => e.children.length === 0 && e.textContent.trim()).pop() || bubble;
              const style = getComputedStyle(leaf);
              const heading = getComputedStyle(document.querySelector('.xs-title strong'));
              const status = getComputedStyle([...document.querySelectorAll('.webchat__activity-status')].pop());
              return [parseFloat(style.fontSize), parseFloat(style.lineHeight), parseFloat(heading.fontSize), parseFloat(status.fontSize)];
            }
            """);
        Assert.True(text[0] >= 18, $"message text is {text[0]} px");
        Assert.True(text[1] >= 1.3 * text[0], $"line height {text[1]} px for {text[0]} px text");
        Assert.True(text[2] > text[0], $"heading {text[2]} px, text {text[0]} px");
        Assert.True(text[3] >= 18, $"time stamps are {text[3]} px");
        await Assertions.Expect(page.Locator(".webchat__suggested-action").First).ToBeVisibleAsync();
        var small = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('button, [role=button], input[type=button]')]
              .map(e => [e, e.getBoundingClientRect()])
              .filter(([e, r]) => r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden')
              .filter(([e, r]) => r.width < 60 || r.height < 60)
              .map(([e, r]) => `${e.className || e.id} "${e.getAttribute('aria-label') || e.textContent.trim()}" ${r.width}x${r.height}`)
            """);
        Assert.True(small.Length == 0, "targets smaller than 60×60 px:\n" + string.Join('\n', small));

        Assert.Equal("0s", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.webchat__suggested-action')).transitionDuration"));
        await AxeAudit.AssertCleanAsync(page.MainFrame, "/webchat in elder mode");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "webchat-elder.png") });

        // Xiaoshen's fixed texts in their plain wording.
        await page.Locator(".webchat__send-box-text-box__input").FillAsync("明天会下雨吗");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByText("这个问题小申答不上来").Last).ToBeVisibleAsync(new() { Timeout = 20_000 });

        // Remembered on this device.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "长辈版" })).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.Locator("body.xs-elder")).ToHaveCountAsync(1);
        output.WriteLine($"elder mode: text {text[0]} px, line {text[1]} px, heading {text[2]} px");
    }

    [ChromiumFact]
    public async Task ReadAloudSpeaksTheLatestAnswerInChineseOrSaysWhyItCannot()
    {
        await using var service = await ServiceProcess.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumFactAttribute.ExecutablePath, Headless = true, Args = ChromiumFactAttribute.LaunchArgs });

        // The browser's speech engine is the edge faked here: it keeps what it is asked to say.
        var speaking = await browser.NewContextAsync(new() { Locale = "zh-CN" });
        await speaking.AddInitScriptAsync("""
            window.spoken = [];
            Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: {
              speaking: false,
              speak(u) { window.spoken.push({ text: u.text, lang: u.lang }); setTimeout(() => u.onend && u.onend(), 0); },
              cancel() {} } });
            """);
        var page = await speaking.NewPageAsync();
        await page.GotoAsync(service.BaseUrl + "/webchat");
        await Assertions.Expect(page.GetByText("您好，我是小申").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.Locator(".webchat__send-box-text-box__input").FillAsync("退休了公积金怎么取");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByText("办理退休手续后").Last).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "朗读" }).ClickAsync();
        await page.WaitForFunctionAsync("() => window.spoken.length > 0");
        var spoken = await page.EvaluateAsync<string[]>("() => [window.spoken[0].text, window.spoken[0].lang]");
        Assert.Equal("zh-CN", spoken[1]);
        Assert.StartsWith("离休、退休提取住房公积金", spoken[0], StringComparison.Ordinal);
        Assert.Contains("办理退休手续后", spoken[0], StringComparison.Ordinal);
        Assert.DoesNotContain("**", spoken[0], StringComparison.Ordinal);
        Assert.DoesNotContain("](http", spoken[0], StringComparison.Ordinal);

        // A browser without speech synthesis says so.
        var silent = await browser.NewContextAsync(new() { Locale = "zh-CN" });
        await silent.AddInitScriptAsync("Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: undefined });");
        var other = await silent.NewPageAsync();
        await other.GotoAsync(service.BaseUrl + "/webchat");
        await Assertions.Expect(other.GetByText("您好，我是小申").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await other.GetByRole(AriaRole.Button, new() { Name = "朗读" }).ClickAsync();
        await Assertions.Expect(other.GetByRole(AriaRole.Status).Filter(new() { HasText = "这个浏览器不能朗读" })).ToBeVisibleAsync();
    }

    [ChromiumFact]
    public async Task TheWidgetOnTheDemoPageAndTheConsoleWorkbenchPassAnAxeAudit()
    {
        await using var service = await ServiceProcess.StartAsync(new Dictionary<string, string>
        {
            ["Testing:ClockStart"] = "2026-11-27T10:00:00+08:00",
            ["Handoff:Assignment"] = "Pick",
        });
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumFactAttribute.ExecutablePath, Headless = true, Args = ChromiumFactAttribute.LaunchArgs });
        var citizen = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 860 }, Locale = "zh-CN" });
        var agent = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 }, Locale = "zh-CN" });

        await WebChat.HandOverAsync(service.BaseUrl, citizen, agent);
        await Assertions.Expect(agent.Locator("#reply")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await AxeAudit.AssertCleanAsync(citizen.MainFrame, "/demo");
        await AxeAudit.AssertCleanAsync(WebChat.FrameOf(citizen), "the widget on /demo with an agent");
        await AxeAudit.AssertCleanAsync(agent.MainFrame, "the console workbench");
    }
}
