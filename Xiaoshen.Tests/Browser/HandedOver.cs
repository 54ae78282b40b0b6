using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Xiaoshen.Tests.Browser;

/// <summary>
/// One real service at an office hour and two Chromium contexts with the fake camera and microphone: a citizen on
/// <c>/demo</c> handed over to 王敏 in the console. On a browser failure both pages are photographed as
/// <c>failure-NAME-citizen.png</c> / <c>failure-NAME-agent.png</c> and the service's log is written to the test output.
/// </summary>
internal static class HandedOver
{
    public static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>Runs <paramref name="body"/> with the widget's chat, the citizen's page and the agent's page.</summary>
    public static async Task RunAsync(ITestOutputHelper output, string name, Func<IFrameLocator, IPage, IPage, Task> body)
    {
        await using var service = await ServiceProcess.StartAsync(new Dictionary<string, string>
        {
            ["Testing:ClockStart"] = "2026-11-27T10:00:00+08:00",
            ["Handoff:Assignment"] = "Pick",
        });
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumFactAttribute.ExecutablePath, Headless = true, Args = ChromiumFactAttribute.MediaLaunchArgs });
        var citizen = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 860 }, Locale = "zh-CN" })).NewPageAsync();
        var agent = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 }, Locale = "zh-CN" })).NewPageAsync();
        Directory.CreateDirectory(Screenshots);

        try
        {
            var chat = await WebChat.HandOverAsync(service.BaseUrl, citizen, agent);
            await body(chat, citizen, agent);
        }
        catch (PlaywrightException)
        {
            await citizen.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"failure-{name}-citizen.png") });
            await agent.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"failure-{name}-agent.png") });
            output.WriteLine($"service {service.State}\n{service.Log}");
            throw;
        }
    }
}
