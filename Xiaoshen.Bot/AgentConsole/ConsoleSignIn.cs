using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Cluster;
using Xiaoshen.Bot.Handoff;

namespace Xiaoshen.Bot.AgentConsole;

/// <summary>
/// Signing in to the console and the agent API (issue 11): refuses while the account name or the client address is
/// locked, checks the password, counts failures, and sets the cookie. Failures and locks are counted by
/// <see cref="ILimitCounter"/>, so with several nodes a lock set on one refuses on all of them (issue 13).
/// Singleton and thread-safe.
/// </summary>
public sealed partial class ConsoleSignIn(HumanAgentAccounts accounts, ConsoleText text, ILimitCounter counter, IOptions<SignInOptions> options, ILogger<ConsoleSignIn> logger)
{
    private const string AccountScope = "signin-account:";
    private const string AddressScope = "signin-address:";

    /// <summary>Checks the name and password from <paramref name="http"/>'s client and, when they are right, signs in.</summary>
    public async Task<SignInOutcome> SignInAsync(HttpContext http, string userName, string password)
    {
        var cancellationToken = http.RequestAborted;
        var name = userName.Trim();
        var accountKey = AccountScope + name.ToLowerInvariant();
        var addressKey = AddressScope + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        var locks = await counter.LockedForAsync([accountKey, addressKey], cancellationToken);
        if (locks[0] is { } accountLock)
        {
            return Locked("login.lockedAccount", accountLock);
        }

        if (locks[1] is { } addressLock)
        {
            return Locked("login.lockedAddress", addressLock);
        }

        var agent = await accounts.CheckPasswordAsync(name, password, cancellationToken);
        if (agent is null)
        {
            LogRefused();
            var o = options.Value;
            var lockout = TimeSpan.FromMinutes(o.LockoutMinutes);

            // Counted even if the client hangs up now: a guesser must not escape the count by closing the connection.
            var lockedAccount = await counter.FailAsync(accountKey, o.MaxFailuresPerAccount, lockout, CancellationToken.None);
            var lockedAddress = await counter.FailAsync(addressKey, o.MaxFailuresPerAddress, lockout, CancellationToken.None);

            // Names tried may be anything a stranger typed: the log says which kind of lock, not the name or address.
            if (lockedAccount is not null)
            {
                LogLocked("account", o.LockoutMinutes);
            }

            if (lockedAddress is not null)
            {
                LogLocked("address", o.LockoutMinutes);
            }

            return lockedAccount is { } accountFor ? Locked("login.lockedAccount", accountFor)
                : lockedAddress is { } addressFor ? Locked("login.lockedAddress", addressFor)
                : new SignInOutcome(SignInStatus.Refused, text["login.refused"]);
        }

        await counter.ClearFailuresAsync(accountKey, cancellationToken);
        if (agent.IsDisabled)
        {
            return new SignInOutcome(SignInStatus.Disabled, text["login.disabled"]);
        }

        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, HumanAgentAccounts.Principal(agent));
        return new SignInOutcome(SignInStatus.SignedIn, string.Empty, agent);
    }

    private SignInOutcome Locked(string key, TimeSpan remaining) => new(
        SignInStatus.Locked,
        text.Format(key, ("Minutes", Math.Max(1, (int)Math.Ceiling(remaining.TotalMinutes)).ToString(System.Globalization.CultureInfo.InvariantCulture))))
    {
        RetryAfter = remaining,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "A console sign-in was refused")]
    private partial void LogRefused();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Console sign-in: an {Scope} is locked for {Minutes} minutes after repeated failures")]
    private partial void LogLocked(string scope, int minutes);
}

/// <summary>How a sign-in ended.</summary>
public enum SignInStatus
{
    SignedIn,
    Refused,
    Disabled,
    Locked,
}

/// <summary>A sign-in's result: the status, what to tell the person (Chinese, from the console's texts) and the account when signed in.</summary>
public sealed record SignInOutcome(SignInStatus Status, string Message, HumanAgent? Agent = null)
{
    /// <summary>For <see cref="SignInStatus.Locked"/>: how long until the lock ends.</summary>
    public TimeSpan RetryAfter { get; init; }
}
