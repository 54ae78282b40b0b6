using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace Xiaoshen.Bot.AgentConsole;

/// <summary>
/// An open console page keeps the sign-in it started with; this re-checks the account as the cookie does, so a page of
/// a disabled or reset account signs out within <see cref="SignInOptions.AccountCheckSeconds"/>. Scoped: one per circuit.
/// </summary>
internal sealed class ConsoleAuthenticationStateProvider(ILoggerFactory loggerFactory, HumanAgentAccounts accounts, IOptions<SignInOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(options.Value.AccountCheckSeconds);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        accounts.IsCurrentAsync(authenticationState.User, cancellationToken);
}
