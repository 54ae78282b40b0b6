using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Xiaoshen.Tests.Browser;

/// <summary>
/// A video call from an agent's console to a citizen in the widget (issue 15), two real Chromium contexts with the fake
/// camera and microphone, against one real service at an office hour. Xiaoshen relays only the signalling; the
/// browsers connect to each other. Screenshots go to the test output's <c>screenshots/</c>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CallBrowserTests(ITestOutputHelper output)
{
    [ChromiumFact]
    public async Task AnAgentVideoCallsACitizenBothSeeEachOtherTheCitizenHangsUpAndTheTranscriptKeepsItsLength()
    {
        await HandedOver.RunAsync(output, "call", async (chat, citizen, agent) =>
        {
            // The agent calls; the citizen sees who calls and answers with the camera.
            await agent.ClickAsync("#call-video");
            await Assertions.Expect(agent.Locator("#call-status")).ToHaveTextAsync("正在邀请市民视频通话…");
            await Assertions.Expect(chat.Locator("#xs-call-title")).ToHaveTextAsync("王敏（上海市公积金管理中心）邀请您视频通话", new() { Timeout = 20_000 });
            await chat.GetByRole(AriaRole.Button, new() { Name = "接听", Exact = true }).ClickAsync();

            // Both peer connections connect, and each side's remote video has frames of the other's fake camera.
            await Assertions.Expect(agent.Locator("#call[data-state=connected]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(chat.Locator("#xs-call[data-state=connected]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await agent.WaitForFunctionAsync("() => document.getElementById('call-remote').videoWidth > 0", null, new() { Timeout = 30_000 });
            await WebChat.FrameOf(citizen).WaitForFunctionAsync("() => document.getElementById('xs-call-remote').videoWidth > 0", null, new() { Timeout = 30_000 });
            await Assertions.Expect(agent.Locator("#call-status")).ToHaveTextAsync("通话中");
            await Assertions.Expect(chat.Locator("#xs-call-state")).ToHaveTextAsync("通话中");
            await agent.ScreenshotAsync(new() { Path = Path.Combine(HandedOver.Screenshots, "call-console.png") });
            await citizen.ScreenshotAsync(new() { Path = Path.Combine(HandedOver.Screenshots, "call-widget.png") });

            // The citizen hangs up: both sides close, the transcript says a call took place and how long it lasted.
            await chat.GetByRole(AriaRole.Button, new() { Name = "挂断", Exact = true }).ClickAsync();
            await Assertions.Expect(chat.Locator("#xs-call")).ToBeHiddenAsync(new() { Timeout = 20_000 });
            await Assertions.Expect(agent.Locator("#call")).ToBeHiddenAsync(new() { Timeout = 20_000 });
            await Assertions.Expect(agent.Locator("#transcript")).ToContainTextAsync("视频通话（王敏发起），通话时长", new() { Timeout = 20_000 });
            await Assertions.Expect(agent.Locator("#transcript")).ToContainTextAsync("市民挂断");
            await WebChat.ExpectAsync(chat, "视频通话已结束，通话时长");
            Assert.Equal(0, await agent.EvaluateAsync<int>("() => (document.getElementById('call-local').srcObject || { getTracks: () => [] }).getTracks().length"));
        });
    }
}
