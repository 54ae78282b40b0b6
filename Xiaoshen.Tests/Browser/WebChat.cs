using Microsoft.Playwright;

namespace Xiaoshen.Tests.Browser;

/// <summary>What a citizen does in the stock Web Chat inside the widget's frame.</summary>
internal static class WebChat
{
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

    public static Task ExpectAsync(IFrameLocator chat, string text) =>
        Assertions.Expect(chat.GetByText(text).Last).ToBeVisibleAsync(new() { Timeout = 20_000 });
}
