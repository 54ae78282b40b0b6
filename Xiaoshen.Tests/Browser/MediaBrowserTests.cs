using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Xiaoshen.Tests.Browser;

/// <summary>
/// Voice messages (录音, issue 15) recorded with the browser's MediaRecorder from Chromium's fake microphone, in the
/// widget and in the console, through the upload path, and played on the other side. One real service at an office hour.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MediaBrowserTests(ITestOutputHelper output)
{
    // How long the audio element says its recording lasts, once the browser has read it to its end (a recording from
    // MediaRecorder does not say its length in its header).
    private const string DurationScript = """
        a => new Promise(resolve => {
          const settle = () => { if (isFinite(a.duration) && a.duration > 0) { resolve(a.duration); } };
          a.addEventListener('durationchange', settle);
          a.addEventListener('loadedmetadata', () => { settle(); if (!isFinite(a.duration)) { a.currentTime = 1e7; } });
          a.preload = 'auto';
          a.load();
          setTimeout(() => resolve(a.duration || 0), 20000);
        })
        """;

    [ChromiumFact]
    public async Task ACitizenAndAnAgentRecordVoiceMessagesAndEachPlaysTheOthers()
    {
        await HandedOver.RunAsync(output, "voice", async (chat, citizen, agent) =>
        {
            // The citizen starts a recording and cancels it: nothing is sent.
            await chat.GetByRole(AriaRole.Button, new() { Name = "录音", Exact = true }).ClickAsync();
            await Assertions.Expect(chat.Locator("#xs-record-time")).ToContainTextAsync("（最长 1:00）");
            await chat.GetByRole(AriaRole.Button, new() { Name = "取消录音" }).ClickAsync();
            await Assertions.Expect(chat.Locator("#xs-recording")).ToBeHiddenAsync();

            // Then records two seconds and sends them; the agent plays the recording.
            await chat.GetByRole(AriaRole.Button, new() { Name = "录音", Exact = true }).ClickAsync();
            await Assertions.Expect(chat.Locator("#xs-record-time")).ToContainTextAsync("录音中 0:02", new() { Timeout = 20_000 });
            await chat.GetByRole(AriaRole.Button, new() { Name = "停止并发送" }).ClickAsync();
            var heard = agent.Locator("#transcript audio");
            await Assertions.Expect(heard).ToHaveCountAsync(1, new() { Timeout = 20_000 });
            var length = await heard.EvaluateAsync<double>(DurationScript);
            Assert.True(length > 1 && double.IsFinite(length), $"the agent's player says the recording lasts {length} s");

            // The agent records an answer, which is attached like a file and sent with the reply; the citizen plays it.
            await agent.ClickAsync("#record");
            await Assertions.Expect(agent.Locator("#record-time")).ToContainTextAsync("录音中 0:02", new() { Timeout = 20_000 });
            await agent.ClickAsync("#record-send");
            await Assertions.Expect(agent.Locator(".xs-pending")).ToContainTextAsync("语音消息.webm", new() { Timeout = 20_000 });
            await agent.FillAsync("#reply", "请听语音说明。");
            await agent.ClickAsync("#send");
            await WebChat.ExpectAsync(chat, "请听语音说明。");
            // The citizen's own recording shows as the file they sent, named; the agent's as a player.
            await Assertions.Expect(chat.Locator(".webchat__bubble--from-user .webchat__fileContent__fileName").Last).ToHaveTextAsync("语音消息.webm");
            var played = chat.Locator("audio");
            await Assertions.Expect(played).ToHaveCountAsync(1, new() { Timeout = 20_000 });
            var answer = await played.EvaluateAsync<double>(DurationScript);
            Assert.True(answer > 1 && double.IsFinite(answer), $"the citizen's player says the agent's recording lasts {answer} s");

            // The citizen captures the page they are on, sees it before it goes, and sends it; the agent sees the page.
            await chat.GetByRole(AriaRole.Button, new() { Name = "截图", Exact = true }).ClickAsync();
            var staged = chat.GetByRole(AriaRole.Region, new() { Name = "待发送的文件" });
            await Assertions.Expect(staged.GetByRole(AriaRole.Img, new() { Name = "页面截图.png" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await staged.GetByRole(AriaRole.Button, new() { Name = "发送文件" }).ClickAsync();
            var page = agent.Locator("#transcript img.xs-image[alt='页面截图.png']");
            await Assertions.Expect(page).ToBeVisibleAsync(new() { Timeout = 20_000 });
            var size = await page.EvaluateAsync<int[]>("img => img.decode().then(() => [img.naturalWidth, img.naturalHeight])");
            Assert.Equal([1280, 860], size);
            await agent.ScreenshotAsync(new() { Path = Path.Combine(HandedOver.Screenshots, "console-voice.png") });
            await citizen.ScreenshotAsync(new() { Path = Path.Combine(HandedOver.Screenshots, "widget-voice.png") });
        });
    }
}
