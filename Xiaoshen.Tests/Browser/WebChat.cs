using Microsoft.Playwright;
using Xiaoshen.Tests.Api;

namespace Xiaoshen.Tests.Browser;

/// <summary>What a citizen does in the stock Web Chat inside the widget's frame.</summary>
internal static class WebChat
{
    /// <summary>Opens the widget on the demo portal page as a citizen does (the 小申 button) and waits for the welcome.</summary>
    public static async Task<IFrameLocator> OpenAsync(IPage citizen, string baseUrl)
    {
        await citizen.GotoAsync(baseUrl + "/demo");
        await citizen.ClickAsync(".xs-launcher");
        var chat = citizen.FrameLocator("iframe.xs-panel");
        await ExpectAsync(chat, "您好，我是小申");
        return chat;
    }

    public static async Task SendAsync(IFrameLocator chat, string text)
    {
        // Web Chat re-renders the send box while suggested actions arrive; a message typed in that moment can be lost, so
        // send until the box is emptied (the sign Web Chat took it).
        var input = chat.Locator(".webchat__send-box-text-box__input");
        for (var attempt = 0; ; attempt++)
        {
            await input.FillAsync(text);
            await chat.Locator(".webchat__send-button").ClickAsync();
            try
            {
                await Assertions.Expect(input).ToHaveValueAsync(string.Empty, new() { Timeout = 3_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 2)
            {
                // typed into a send box that was being replaced: type again
            }
        }
    }

    /// <summary>
    /// A citizen on <c>/demo</c> asks about the retirement withdrawal and for a person; 王敏 (gjj01) signs in to the console
    /// and accepts, by keyboard. Returns the widget's chat.
    /// </summary>
    public static async Task<IFrameLocator> HandOverAsync(string baseUrl, IPage citizen, IPage agent)
    {
        var chat = await OpenAsync(citizen, baseUrl);
        await SendAsync(chat, "退休了公积金怎么取");
        await ExpectAsync(chat, "办理退休手续后");
        await SendAsync(chat, "转人工");
        await ExpectAsync(chat, "正在为您转接");

        await agent.GotoAsync(baseUrl + "/console");
        await agent.FillAsync("#username", "gjj01");
        await agent.FillAsync("#password", AgentApi.DemoPassword);
        await agent.ClickAsync("button[type=submit]");
        await Assertions.Expect(agent.Locator(".xs-workbench[data-live=true]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await agent.Locator("#queue .xs-item").FocusAsync(new() { Timeout = 20_000 });
        await agent.Keyboard.PressAsync("Enter");
        await Assertions.Expect(agent.Locator("#matter")).ToHaveTextAsync("离休、退休提取住房公积金");
        await agent.Locator("#accept-selected").FocusAsync();
        await agent.Keyboard.PressAsync("Enter");
        await ExpectAsync(chat, "王敏已接入");
        return chat;
    }

    /// <summary>The widget's own document (its frame on Xiaoshen's origin), for scripts and audits.</summary>
    public static IFrame FrameOf(IPage page) => page.Frames.Single(f => f.Url.Contains("/webchat", StringComparison.Ordinal));

    public static Task ExpectAsync(IFrameLocator chat, string text) =>
        Assertions.Expect(chat.GetByText(text).Last).ToBeVisibleAsync(new() { Timeout = 20_000 });
}
