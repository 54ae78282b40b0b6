using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Xiaoshen.Bot.AgentConsole;
using Xiaoshen.Bot.Handoff;

namespace Xiaoshen.Tests.Api;

/// <summary>
/// The console as a newcomer meets it over HTTP (issue 14, section 5): a page one's roles do not cover says 无权限, an
/// unknown address is a Chinese page (API clients keep ProblemDetails), and accounts take only the departments' groups.
/// </summary>
public sealed class ConsolePagesTests : IDisposable
{
    private readonly BotApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task AnEditorOpeningTheBoardIsToldTheyHaveNoAccessNotShownTheSignInForm()
    {
        var editor = await _factory.SignInAsync("editor");

        using var response = await editor.GetAsync("/console/supervisor");
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/console/denied", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("无权限", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"password\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("坐席登录", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/console/no-such-page")]
    public async Task AnUnknownAddressIsAChinesePageForBrowsersAndProblemDetailsForApiClients(string path)
    {
        var client = _factory.CreateClient();
        using var browser = new HttpRequestMessage(HttpMethod.Get, path);
        browser.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        using var api = new HttpRequestMessage(HttpMethod.Get, path);
        api.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var page = await client.SendAsync(browser);
        using var problem = await client.SendAsync(api);

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains("页面不存在", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Not Found", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, problem.StatusCode);
        Assert.Equal("application/problem+json", problem.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnAccountTakesOnlyTheDepartmentsGroupsAndCanBeEdited()
    {
        var accounts = _factory.Services.GetRequiredService<HumanAgentAccounts>();
        var known = _factory.Services.GetRequiredService<HandoffAvailability>().KnownGroups;

        var unknown = await accounts.CreateAsync("gjj02", "刘洋", [HumanAgent.AgentRole], ["公积金"], "gjj02-password", known, CancellationToken.None);
        var created = await accounts.CreateAsync("gjj02", "刘洋", [HumanAgent.AgentRole], ["gjj"], "gjj02-password", known, CancellationToken.None);
        var badEdit = await accounts.UpdateAsync("gjj02", "刘洋", [HumanAgent.AgentRole], ["gjj", "nosuch"], known, CancellationToken.None);
        var edited = await accounts.UpdateAsync("gjj02", "刘洋洋", [HumanAgent.AgentRole, HumanAgent.SupervisorRole], ["gjj", "rsj"], known, CancellationToken.None);
        var lastAdmin = await accounts.UpdateAsync("admin", "系统管理员", [HumanAgent.EditorRole], [], known, CancellationToken.None);

        Assert.Equal((AccountChange.UnknownGroup, AccountChange.Done, AccountChange.UnknownGroup, AccountChange.Done), (unknown, created, badEdit, edited));
        Assert.Equal(AccountChange.LastAdmin, lastAdmin);
        var stored = await accounts.FindAsync("gjj02", CancellationToken.None);
        Assert.Equal(("刘洋洋", "agent,supervisor", "gjj,rsj"), (stored!.DisplayName, stored.Roles, stored.Groups));
        Assert.Contains("general", known);
    }
}
