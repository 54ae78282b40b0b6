using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Handoff;

namespace Xiaoshen.Bot.AgentConsole;

/// <summary>
/// Signing in to the console and the agent API (issue 11): refuses while the account name or the client address is
/// locked, checks the password, counts failures, and sets the cookie. Failures are counted in memory, per process.
/// Singleton and thread-safe.
/// </summary>
public sealed partial class ConsoleSignIn(HumanAgentAccounts accounts, ConsoleText text, IOptions<SignInOptions> options, TimeProvider time, ILogger<ConsoleSignIn> logger)
{
    // Beyond this many names and addresses, those whose failures are forgotten anyway are dropped.
    private const int PruneAbove = 10_000;
    private const string AccountScope = "account:";
    private const string AddressScope = "address:";

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    /// <summary>Checks the name and password from <paramref name="http"/>'s client and, when they are right, signs in.</summary>
    public async Task<SignInOutcome> SignInAsync(HttpContext http, string userName, string password)
    {
        var now = time.GetUtcNow();
        var name = userName.Trim();
        var accountKey = AccountScope + name.ToLowerInvariant();
        var addressKey = AddressScope + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        if (LockedUntil(accountKey, now) is { } accountLock)
        {
            return Locked("login.lockedAccount", accountLock - now);
        }

        if (LockedUntil(addressKey, now) is { } addressLock)
        {
            return Locked("login.lockedAddress", addressLock - now);
        }

        var agent = await accounts.CheckPasswordAsync(name, password, http.RequestAborted);
        if (agent is null)
        {
            LogRefused();
            var o = options.Value;
            var lockedAccount = Fail(accountKey, o.MaxFailuresPerAccount, now);
            var lockedAddress = Fail(addressKey, o.MaxFailuresPerAddress, now);
            return lockedAccount is { } untilAccount ? Locked("login.lockedAccount", untilAccount - now)
                : lockedAddress is { } untilAddress ? Locked("login.lockedAddress", untilAddress - now)
                : new SignInOutcome(SignInStatus.Refused, text["login.refused"]);
        }

        _failures.TryRemove(accountKey, out _);
        if (agent.IsDisabled)
        {
            return new SignInOutcome(SignInStatus.Disabled, text["login.disabled"]);
        }

        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, HumanAgentAccounts.Principal(agent));
        return new SignInOutcome(SignInStatus.SignedIn, string.Empty, agent);
    }

    private DateTimeOffset? LockedUntil(string key, DateTimeOffset now) =>
        _failures.TryGetValue(key, out var failures) && failures.LockedUntil > now ? failures.LockedUntil : null;

    // Counts one failure; returns the end of the lock when this one reaches the limit.
    private DateTimeOffset? Fail(string key, int max, DateTimeOffset now)
    {
        var lockout = TimeSpan.FromMinutes(options.Value.LockoutMinutes);
        if (_failures.Count > PruneAbove)
        {
            foreach (var (staleKey, stale) in _failures.Where(f => f.Value.Last + lockout < now && f.Value.LockedUntil < now))
            {
                _failures.TryRemove(staleKey, out _);
            }
        }

        var failures = _failures.GetOrAdd(key, _ => new Failures());
        lock (failures)
        {
            failures.Count = now - failures.Last > lockout ? 1 : failures.Count + 1;
            failures.Last = now;
            if (failures.Count < max)
            {
                return null;
            }

            failures.Count = 0;
            failures.LockedUntil = now + lockout;
        }

        // Names tried may be anything a stranger typed: the log says which kind of lock, not the name or address.
        LogLocked(key.StartsWith(AccountScope, StringComparison.Ordinal) ? "account" : "address", options.Value.LockoutMinutes);
        return failures.LockedUntil;
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

    private sealed class Failures
    {
        public int Count { get; set; }

        public DateTimeOffset Last { get; set; }

        public DateTimeOffset LockedUntil { get; set; }
    }
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
