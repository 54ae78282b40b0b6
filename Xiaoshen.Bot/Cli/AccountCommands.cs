using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Spectre.Console;
using Xiaoshen.Bot.AgentConsole;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Knowledge.Content;
using Xiaoshen.Bot.Hosting;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Knowledge;

namespace Xiaoshen.Bot.Cli;

/// <summary>
/// <c>accounts list|add|disable|enable|reset-password|delete</c>: console accounts on the service's own database (same
/// settings as the web host), for the first admin of a new deployment and for scripts. Passwords are asked for without
/// echo on a terminal, or read from the first line of standard input when it is redirected; never on the command line.
/// </summary>
internal static class AccountCommands
{
    public static async Task<int> RunAsync(string action, CliArguments arguments, IAnsiConsole stdout, IAnsiConsole stderr)
    {
        arguments.AllowOnly(action == "add" ? ["--name", "--roles", "--groups"] : []);
        using var host = BuildHost(arguments);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>().Database.MigrateAsync();
        }

        var accounts = host.Services.GetRequiredService<HumanAgentAccounts>();
        if (action == "list")
        {
            Single(arguments, 0);
            PrintAccounts(stdout, await accounts.ListAsync(CancellationToken.None));
            return CliApp.Ok;
        }

        var id = Single(arguments, 1);
        var minLength = host.Services.GetRequiredService<IOptions<SignInOptions>>().Value.MinPasswordLength;
        var result = action switch
        {
            "add" => await accounts.CreateAsync(
                id,
                arguments.Option("--name") ?? throw new CliUsageException("accounts add needs --name"),
                List(arguments.Option("--roles") ?? throw new CliUsageException("accounts add needs --roles (agent, supervisor, editor, admin)")),
                List(arguments.Option("--groups") ?? string.Empty),
                ReadPassword(stderr),
                KnownGroups(host),
                CancellationToken.None),
            "disable" => await accounts.SetDisabledAsync(id, true, CancellationToken.None),
            "enable" => await accounts.SetDisabledAsync(id, false, CancellationToken.None),
            "reset-password" => await accounts.ResetPasswordAsync(id, ReadPassword(stderr), CancellationToken.None),
            "delete" => await accounts.DeleteAsync(id, CancellationToken.None),
            _ => throw new CliUsageException($"unknown command 'accounts {action}'"),
        };
        return Report(result, action, id, minLength, stdout, stderr);
    }

    private static int Report(AccountChange result, string action, string id, int minLength, IAnsiConsole stdout, IAnsiConsole stderr)
    {
        var (exit, message) = result switch
        {
            AccountChange.Done => (CliApp.Ok, $"{id}: {action} done"),
            AccountChange.NotFound => (CliApp.Invalid, $"no account '{id}'"),
            AccountChange.Taken => (CliApp.Invalid, $"an account '{id}' exists already"),
            AccountChange.LastAdmin => (CliApp.Invalid, $"'{id}' is the last enabled admin; add another admin first"),
            AccountChange.WeakPassword => (CliApp.Usage, $"the password must be at least {minLength} characters"),
            AccountChange.UnknownGroup => (CliApp.Usage, "a group is not the agent_group or backup_group of any department in departments.yaml (e.g. gjj, not 公积金)"),
            _ => (CliApp.Usage, "the id must be letters, digits, '.', '-' or '_' (at most 64), the name at most 64 characters, roles among agent, supervisor, editor, admin"),
        };
        if (exit == CliApp.Ok)
        {
            stdout.WriteLine(message);
        }
        else
        {
            stderr.MarkupLineInterpolated($"[red]error:[/] {message}");
        }

        return exit;
    }

    private static void PrintAccounts(IAnsiConsole console, IReadOnlyList<HumanAgent> accounts)
    {
        var table = new Table().AddColumns("id", "name", "roles", "groups", "state");
        foreach (var a in accounts)
        {
            table.AddRow(Markup.Escape(a.Id), Markup.Escape(a.DisplayName), Markup.Escape(a.Roles), Markup.Escape(a.Groups), a.IsDisabled ? "disabled" : "enabled");
        }

        console.Write(table);
        console.WriteLine($"{accounts.Count} accounts, {accounts.Count(a => !a.IsDisabled)} enabled");
    }

    private static string Single(CliArguments arguments, int count)
    {
        if (arguments.Positional.Count != count)
        {
            throw new CliUsageException(count == 0 ? "accounts list takes no account id" : "give exactly one account id");
        }

        return count == 0 ? string.Empty : arguments.Positional[0];
    }

    private static string[] List(string value) => value.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    // A terminal gets a prompt without echo, twice; redirected input gives the first line (scripts, tests).
    private static string ReadPassword(IAnsiConsole stderr)
    {
        if (Console.IsInputRedirected)
        {
            return Console.In.ReadLine() ?? throw new CliUsageException("no password on standard input");
        }

        var password = ReadHidden(stderr, "Password: ");
        if (ReadHidden(stderr, "Again: ") != password)
        {
            throw new CliUsageException("the two passwords differ");
        }

        return password;
    }

    private static string ReadHidden(IAnsiConsole stderr, string prompt)
    {
        stderr.Write(prompt);
        var typed = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }

        stderr.WriteLine();
        return typed.ToString();
    }

    // The departments' agent and backup groups in the content the service serves; null (not checked) when it cannot be read.
    private static List<string>? KnownGroups(IHost host)
    {
        var content = host.Services.GetRequiredService<IOptions<KnowledgeOptions>>().Value.ContentPath;
        var knowledge = ContentLoader.Load(content, DateOnly.FromDateTime(DateTime.UtcNow)).Knowledge;
        return knowledge is null ? null : HandoffAvailability.GroupsOf(knowledge.Departments.Values).ToList();
    }

    // The database as the web host configures it (provider, connection string, SQLite file beside the content).
    private static IHost BuildHost(CliArguments arguments)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = CliApp.EnvironmentName,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Configuration["Logging:LogLevel:Default"] = arguments.Has("--verbose") ? "Information" : "Warning";
        builder.Services.AddOptions<KnowledgeOptions>().BindConfiguration(KnowledgeOptions.SectionName);
        builder.Services.PostConfigure<KnowledgeOptions>(WorkspacePaths.Resolve);
        builder.Services.AddOptions<HandoffOptions>().BindConfiguration(HandoffOptions.SectionName);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddStorage();
        builder.AddConsoleAccounts();

        // Changes made here reach a running service's nodes when they read the accounts again (HumanAgentRoster.KeptFor).
        builder.Services.AddSingleton<IHumanAgentPresence, InMemoryHumanAgentPresence>();
        builder.Services.AddSingleton<HumanAgentRoster>();
        return builder.Build();
    }
}
