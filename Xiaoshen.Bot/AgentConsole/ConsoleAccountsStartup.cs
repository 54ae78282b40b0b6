using Xiaoshen.Bot.Handoff;

namespace Xiaoshen.Bot.AgentConsole;

/// <summary>
/// Once the database is ready: creates the demo accounts where they are configured, and says how to create the first
/// admin when no enabled admin exists (a new Production deployment starts with no account at all). The handoff reads the
/// accounts then, before the first request: the dialog asks who is online without waiting for a read.
/// </summary>
internal sealed partial class ConsoleAccountsStartup(HumanAgentAccounts accounts, HumanAgentRoster roster, ILogger<ConsoleAccountsStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await accounts.SeedAsync(cancellationToken);
        await roster.AllAsync(cancellationToken);
        if (!await accounts.HasEnabledAdminAsync(cancellationToken))
        {
            LogNoAdmin();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "No console account can manage accounts yet. Create the first admin on this server with: dotnet Xiaoshen.Bot.dll accounts add <id> --name <display name> --roles admin (from a source checkout: dotnet run --project Xiaoshen.Bot -- accounts add …). It asks for the password; then sign in at /console/login and create the other accounts on /console/accounts.")]
    private partial void LogNoAdmin();
}
