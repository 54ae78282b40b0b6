using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xiaoshen.Bot.Handoff;

namespace Xiaoshen.Tests.Api;

/// <summary>
/// Signing in to the console and the agent API (issue 11, item 12): lockout per account and per address, no user
/// names found by timing, the cookie's flags, and no cookie-authenticated POST from another site.
/// </summary>
public sealed partial class SignInTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8)));
    private readonly BotApiFactory _factory;

    public SignInTests() => _factory = new BotApiFactory().WithRemoteAddresses().WithServices(s => s.AddSingleton<TimeProvider>(_clock));

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task FiveWrongPasswordsLockTheAccountForFifteenMinutes()
    {
        var client = _factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await SignInAsync(client, "gjj01", "guess-" + i, "198.51.100." + (i + 1));
            statuses.Add(wrong.StatusCode);
        }

        using var locked = await SignInAsync(client, "gjj01", TestAccounts.DemoPassword, "198.51.100.99");
        var problem = await locked.Content.ReadAsStringAsync();
        _clock.Advance(TimeSpan.FromMinutes(15));
        using var later = await SignInAsync(client, "gjj01", TestAccounts.DemoPassword, "198.51.100.99");

        Assert.All(statuses.Take(4), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[4]);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Contains("锁定", problem, StringComparison.Ordinal);
        Assert.Contains("15 分钟", problem, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, later.StatusCode);
    }

    [Fact]
    public async Task FiveFailuresFromOneAddressLockThatAddressForEveryAccount()
    {
        var client = _factory.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await SignInAsync(client, "nobody" + i, "guess", "198.51.100.7");
        }

        using var sameAddress = await SignInAsync(client, "rsj01", TestAccounts.DemoPassword, "198.51.100.7");
        using var otherAddress = await SignInAsync(client, "rsj01", TestAccounts.DemoPassword, "198.51.100.8");

        Assert.Equal(HttpStatusCode.TooManyRequests, sameAddress.StatusCode);
        Assert.Contains("锁定", await sameAddress.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, otherAddress.StatusCode);
    }

    [Fact]
    public async Task TheSignInPageSaysTheAccountIsLockedAndForHowLong()
    {
        var client = _factory.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await SignInAsync(client, "gjj01", "guess", "198.51.100." + (i + 1));
        }

        var page = await client.GetStringAsync("/console/login");
        var form = HiddenInput().Matches(page).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        form["Input.UserName"] = "gjj01";
        form["Input.Password"] = TestAccounts.DemoPassword;
        using var posted = await client.PostAsync("/console/login", new FormUrlEncodedContent(form));
        var html = WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync());

        Assert.Contains("锁定", html, StringComparison.Ordinal);
        Assert.Contains("15 分钟", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownUserNameCostsTheSamePasswordCheckAsAKnownOne()
    {
        var hasher = new CountingHasher();
        using var factory = new BotApiFactory().WithServices(s => s.AddSingleton<IPasswordHasher<HumanAgent>>(hasher));
        var client = factory.CreateClient();

        using var unknown = await TestAccounts.SignInAsync(client, "no-such-agent", "guess");
        var afterUnknown = hasher.Verifications;
        using var known = await TestAccounts.SignInAsync(client, "gjj01", "guess");

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(1, afterUnknown);
        Assert.Equal(2, hasher.Verifications);
    }

    [Fact]
    public async Task OutsideDevelopmentTheCookieIsSecureHttpOnlyAndSameSiteStrict()
    {
        using var factory = new BotApiFactory().WithEnvironment("Production");
        var client = factory.CreateClient();
        await TestAccounts.AddAsync(factory, "root", "correct-horse-battery", [HumanAgent.AdminRole]);

        using var response = await TestAccounts.SignInAsync(client, "root", "correct-horse-battery");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("xiaoshen.console=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("; secure", cookie, StringComparison.Ordinal);
        Assert.Contains("; httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("; samesite=strict", cookie, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Origin", "null")]
    [InlineData("Referer", "https://evil.example/page.html")]
    public async Task ACookieAuthenticatedPostFromAnotherSiteIsRefused(string header, string value)
    {
        var agent = await TestAccounts.SignedInAsync(_factory, "gjj01");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/agent/conversations/{Guid.NewGuid()}/accept");
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await agent.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task SameOriginAndScriptedPostsAreUnaffected()
    {
        var agent = await TestAccounts.SignedInAsync(_factory, "gjj01");
        using var sameOrigin = new HttpRequestMessage(HttpMethod.Post, $"/api/agent/conversations/{Guid.NewGuid()}/accept");
        sameOrigin.Headers.Add("Origin", "https://localhost");
        using var noCookie = new HttpRequestMessage(HttpMethod.Post, "/api/agent/sign-in") { Content = JsonContent.Create(new { userName = "rsj01", password = TestAccounts.DemoPassword }) };
        noCookie.Headers.Add("Origin", "https://tools.example");

        using var same = await agent.SendAsync(sameOrigin);
        using var scripted = await agent.PostAsync($"/api/agent/conversations/{Guid.NewGuid()}/accept", null);
        using var signIn = await _factory.CreateClient().SendAsync(noCookie);

        Assert.Equal(HttpStatusCode.NotFound, same.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, scripted.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/agent/sign-in") { Content = JsonContent.Create(new { userName, password }) };
        request.Headers.Add(RemoteAddressFilter.Header, address);
        return await client.SendAsync(request);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();

    // Counts password checks; the checks themselves are real.
    private sealed class CountingHasher : IPasswordHasher<HumanAgent>
    {
        private readonly PasswordHasher<HumanAgent> _inner = new();
        private int _verifications;

        public int Verifications => _verifications;

        public string HashPassword(HumanAgent user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(HumanAgent user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
