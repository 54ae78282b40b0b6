using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Xiaoshen.Tests.Browser;

/// <summary>
/// An admin manages accounts on /console/accounts while an agent has the workbench open (issue 11, item 2): disabling
/// signs the agent's open page out, a reset password replaces the old one, a deleted account is gone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountsBrowserTests(ITestOutputHelper output)
{
    // Generous: the page answers over a live circuit on two cores shared with other work.
    private const float Wait = 20_000;

    [ChromiumFact]
    public async Task AnAdminDisablesResetsAndDeletesAccountsAndTheAgentsOpenConsoleFollows()
    {
        await using var service = await ServiceProcess.StartAsync(new Dictionary<string, string> { ["SignIn:AccountCheckSeconds"] = "1" });
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumFactAttribute.ExecutablePath, Headless = true, Args = ChromiumFactAttribute.LaunchArgs });
        await using var adminContext = await browser.NewContextAsync(new() { Locale = "zh-CN" });
        await using var agentContext = await browser.NewContextAsync(new() { Locale = "zh-CN" });
        var admin = await adminContext.NewPageAsync();
        var agent = await agentContext.NewPageAsync();

        try
        {
            await SignInAsync(service, agent, "gjj01", "xiaoshen-demo");
            await Assertions.Expect(agent.Locator(".xs-workbench[data-live=true]")).ToBeVisibleAsync(new() { Timeout = Wait });
            await SignInAsync(service, admin, "admin", "xiaoshen-demo");
            await admin.GotoAsync(service.BaseUrl + "/console/accounts");
            await Assertions.Expect(admin.Locator("#accounts-page[data-live=true]")).ToBeVisibleAsync(new() { Timeout = Wait });

            // Disabled: the agent's open workbench goes back to the sign-in page, and signing in is refused.
            await admin.ClickAsync("#disable-gjj01");
            await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("已停用 gjj01", new() { Timeout = Wait });
            await Assertions.Expect(agent).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/login"), new() { Timeout = Wait });
            await SignInAsync(service, agent, "gjj01", "xiaoshen-demo");
            await Assertions.Expect(agent.GetByRole(AriaRole.Alert)).ToContainTextAsync("该账号已停用", new() { Timeout = Wait });

            // Enabled again with a new password: the old one no longer works, the new one does.
            await admin.ClickAsync("#enable-gjj01");
            await admin.ClickAsync("#reset-gjj01");
            await admin.FillAsync("#new-password", "short");
            await admin.ClickAsync("#confirm-reset");
            await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("密码至少 8 位", new() { Timeout = Wait });
            await admin.FillAsync("#new-password", "gjj01-new-password");
            await admin.ClickAsync("#confirm-reset");
            await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("已重置 gjj01 的密码", new() { Timeout = Wait });
            await SignInAsync(service, agent, "gjj01", "xiaoshen-demo");
            await Assertions.Expect(agent.GetByRole(AriaRole.Alert)).ToContainTextAsync("账号或密码不正确", new() { Timeout = Wait });
            await SignInAsync(service, agent, "gjj01", "gjj01-new-password");
            await Assertions.Expect(agent.Locator(".xs-workbench[data-live=true]")).ToBeVisibleAsync(new() { Timeout = Wait });

            // Deleted: the row is gone. The last enabled admin cannot be removed.
            await admin.ClickAsync("#delete-general01");
            await admin.ClickAsync("#confirm-delete");
            await Assertions.Expect(admin.Locator("#accounts tr[data-id=general01]")).ToHaveCountAsync(0, new() { Timeout = Wait });
            await admin.ClickAsync("#disable-admin");
            await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("至少要保留一个启用的管理员账号", new() { Timeout = Wait });
        }
        catch (PlaywrightException)
        {
            output.WriteLine($"service {service.State}\n{service.Log}");
            throw;
        }
    }

    private static async Task SignInAsync(ServiceProcess service, IPage page, string userName, string password)
    {
        await page.GotoAsync(service.BaseUrl + "/console/login");
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
    }
}
