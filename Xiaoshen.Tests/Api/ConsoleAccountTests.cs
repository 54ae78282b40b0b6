using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Xiaoshen.Tests.Cli;
using Xiaoshen.Tests.Fakes;

namespace Xiaoshen.Tests.Api;

/// <summary>
/// Console accounts (issue 11, item 2): no demo accounts outside Development and Testing, the first admin from the
/// command line, and accounts disabled, reset or deleted there stop working within a minute.
/// </summary>
public sealed class ConsoleAccountTests : IDisposable
{
    private const string Password = "correct-horse-battery";
    private readonly TestKnowledgeBase _content = new();

    public void Dispose() => _content.Dispose();

    [Fact]
    public async Task ProductionHasNoDemoAccountsAndSaysHowToCreateTheFirstAdmin()
    {
        var logs = new RecordingLoggerProvider();
        using var factory = BotApiFactory.On(_content).WithEnvironment("Production").WithServices(s => s.AddSingleton<ILoggerProvider>(logs));

        using var response = await TestAccounts.SignInAsync(factory.CreateClient(), "admin", TestAccounts.DemoPassword);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(logs.Lines, l => l.Contains("accounts add", StringComparison.Ordinal));
    }

    [Fact]
    public void DemoAccountsOutsideDevelopmentAndTestingRefuseToStart()
    {
        using var factory = BotApiFactory.On(_content).WithEnvironment("Production")
            .WithSetting("AgentConsole:SeedDemoAccounts", "true")
            .WithSetting("AgentConsole:DemoPassword", TestAccounts.DemoPassword);

        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("AgentConsole:SeedDemoAccounts", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheFirstAdminIsCreatedOnTheCommandLineAndSignsIn()
    {
        var (exit, _, stderr) = await AccountsAsync(Password + "\n", "add", "root", "--name", "系统管理员", "--roles", "admin");
        var (listed, list, _) = await AccountsAsync(null, "list");
        using var factory = BotApiFactory.On(_content).WithEnvironment("Production");

        using var response = await TestAccounts.SignInAsync(factory.CreateClient(), "root", Password);

        Assert.True(exit == 0, stderr);
        Assert.Equal(0, listed);
        Assert.Contains("root", list, StringComparison.Ordinal);
        Assert.Contains("系统管理员", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task TheAccountsVerbExitsTwoOnBadInputAndOneWhenRefused()
    {
        var shortPassword = await AccountsAsync("short\n", "add", "root", "--name", "管理员", "--roles", "admin");
        var unknownRole = await AccountsAsync(Password + "\n", "add", "root", "--name", "管理员", "--roles", "wizard");
        var created = await AccountsAsync(Password + "\n", "add", "root", "--name", "管理员", "--roles", "admin");
        var taken = await AccountsAsync(Password + "\n", "add", "root", "--name", "管理员", "--roles", "admin");
        var unknown = await AccountsAsync(null, "disable", "nobody");

        Assert.Equal(2, shortPassword.ExitCode);
        Assert.Contains("8", shortPassword.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, unknownRole.ExitCode);
        Assert.Equal(0, created.ExitCode);
        Assert.Equal(1, taken.ExitCode);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("nobody", unknown.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAccountDisabledOnTheCommandLineLosesItsCookieWithinAMinute()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8)));
        using var factory = BotApiFactory.On(_content).WithServices(s => s.AddSingleton<TimeProvider>(clock));
        var agent = await TestAccounts.SignedInAsync(factory, "gjj01");
        using var before = await agent.GetAsync("/api/agent/queue");

        var (exit, _, stderr) = await AccountsAsync(null, "disable", "gjj01");
        clock.Advance(TimeSpan.FromSeconds(61));
        using var after = await agent.GetAsync("/api/agent/queue");
        using var again = await TestAccounts.SignInAsync(factory.CreateClient(), "gjj01", TestAccounts.DemoPassword);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.True(exit == 0, stderr);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.NotEqual(HttpStatusCode.NoContent, again.StatusCode);
    }

    [Fact]
    public async Task APasswordResetOnTheCommandLineEndsTheOldSessionAndTheOldPassword()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8)));
        using var factory = BotApiFactory.On(_content).WithServices(s => s.AddSingleton<TimeProvider>(clock));
        var agent = await TestAccounts.SignedInAsync(factory, "gjj01");

        var (exit, _, stderr) = await AccountsAsync(Password + "\n", "reset-password", "gjj01");
        clock.Advance(TimeSpan.FromSeconds(61));
        using var session = await agent.GetAsync("/api/agent/queue");
        using var old = await TestAccounts.SignInAsync(factory.CreateClient(), "gjj01", TestAccounts.DemoPassword);
        using var fresh = await TestAccounts.SignInAsync(factory.CreateClient(), "gjj01", Password);

        Assert.True(exit == 0, stderr);
        Assert.Equal(HttpStatusCode.Unauthorized, session.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, fresh.StatusCode);
    }

    [Fact]
    public async Task ADeletedAccountCannotSignIn()
    {
        using var factory = BotApiFactory.On(_content);
        factory.CreateClient().Dispose();

        var (exit, _, stderr) = await AccountsAsync(null, "delete", "rsj01");
        var (_, list, _) = await AccountsAsync(null, "list");
        using var response = await TestAccounts.SignInAsync(factory.CreateClient(), "rsj01", TestAccounts.DemoPassword);

        Assert.True(exit == 0, stderr);
        Assert.DoesNotContain("rsj01", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    // The verb as an operator runs it on the server: same settings as the service, so the same database.
    private Task<(int ExitCode, string Stdout, string Stderr)> AccountsAsync(string? stdin, params string[] args) =>
        CliProcess.RunAsync(_content.Root, stdin, new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Knowledge__ContentPath"] = _content.ContentPath,
        }, ["accounts", .. args]);
}
