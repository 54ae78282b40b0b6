using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Xiaoshen.Knowledge;

namespace Xiaoshen.Bot.Hosting;

/// <summary>Tells whoever started the service where to find it, once Kestrel is listening.</summary>
internal sealed partial class StartupBanner(
    IServer server,
    IHostApplicationLifetime lifetime,
    IOptions<KnowledgeOptions> knowledge,
    IOptions<AgentConsole.AgentConsoleOptions> console,
    ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                LogAddress(address.TrimEnd('/'), knowledge.Value.ContentPath, knowledge.Value.IndexPath);
                LogConsole(address.TrimEnd('/'));
            }

            // Demo sign-ins are printed only when they are seeded, which only Development and Testing may do.
            if (console.Value.SeedDemoAccounts)
            {
                var accounts = string.Join(", ", console.Value.DemoAccounts.Select(a => $"{a.Id} ({string.Join('/', a.Roles)}{(a.Groups.Count > 0 ? ": " + string.Join('/', a.Groups) : string.Empty)})"));
                LogDemoAccounts(accounts, console.Value.DemoPassword);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Xiaoshen is serving on {Address}: web chat {Address}/webchat, demo portal page with the widget {Address}/demo, Bot Framework endpoint {Address}/api/messages, Direct Line {Address}/v3/directline, WeChat {Address}/api/wechat/<account> and WeCom {Address}/api/wecom/<app> callbacks, knowledge status {Address}/api/knowledge/status, health {Address}/health (content {ContentPath}, index {IndexPath})")]
    private partial void LogAddress(string address, string contentPath, string indexPath);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent console {Address}/console (sign in at {Address}/console/login)")]
    private partial void LogConsole(string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo console sign-ins, all with password {Password}: {Accounts} (Development and Testing only)")]
    private partial void LogDemoAccounts(string accounts, string password);
}
