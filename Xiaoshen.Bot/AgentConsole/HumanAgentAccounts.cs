using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.AgentConsole;

/// <summary>
/// Console accounts: the password check (ASP.NET Core Identity's hasher), claims, the security stamp every signed-in
/// session is checked against, changes made by admins (console page, <c>accounts</c> CLI verb) and the demo accounts.
/// A change here makes the handoff read the accounts again (<see cref="HumanAgentRoster.Forget"/>). Singleton.
/// </summary>
public sealed partial class HumanAgentAccounts(
    IServiceScopeFactory scopes,
    IPasswordHasher<HumanAgent> hasher,
    IOptions<AgentConsoleOptions> options,
    IOptions<SignInOptions> signIn,
    IOptions<HandoffOptions> handoff,
    HumanAgentRoster roster,
    TimeProvider time,
    ILogger<HumanAgentAccounts> logger)
{
    public const string GroupClaim = "xiaoshen:group";
    public const string MaxChatsClaim = "xiaoshen:max-chats";
    public const string StampClaim = "xiaoshen:stamp";

    private const int MaxPasswordLength = 1024;

    // Unknown names are checked against this hash, so they take as long as known ones and timing reveals no names.
    private readonly Lazy<string> _dummyHash = new(() => hasher.HashPassword(HumanAgent.Create("-", "-", [], [], 1), Guid.NewGuid().ToString()));

    // Account id -> its stamp (null: gone or disabled) and when it was read; re-read after SignInOptions.AccountCheckSeconds.
    private readonly ConcurrentDictionary<string, (string? Stamp, DateTimeOffset ReadAt)> _stamps = new(StringComparer.Ordinal);

    /// <summary>
    /// The account when the password is right (possibly disabled: the caller says so); null otherwise. Every call costs
    /// one password hash check, whether the name exists or not.
    /// </summary>
    public async Task<HumanAgent?> CheckPasswordAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var agent = await FindAsync(userName, cancellationToken);
        var hash = agent?.PasswordHash is { Length: > 0 } stored ? stored : _dummyHash.Value;
        var verified = password.Length <= MaxPasswordLength
            && hasher.VerifyHashedPassword(agent ?? HumanAgent.Create("-", "-", [], [], 1), hash, password) != PasswordVerificationResult.Failed;
        return verified ? agent : null;
    }

    public async Task<HumanAgent?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        return await db.HumanAgents.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
    }

    public async Task<List<HumanAgent>> ListAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        return await db.HumanAgents.AsNoTracking().OrderBy(a => a.Id).ToListAsync(cancellationToken);
    }

    /// <summary>True when an enabled account can manage the others.</summary>
    public async Task<bool> HasEnabledAdminAsync(CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).Any(IsEnabledAdmin);

    /// <summary>
    /// Creates an account with a hashed password. Groups must be among <paramref name="knownGroups"/> (the departments'
    /// agent and backup groups), when the caller knows them.
    /// </summary>
    public async Task<AccountChange> CreateAsync(string id, string displayName, IReadOnlyCollection<string> roles, IReadOnlyCollection<string> groups, string password, IReadOnlyCollection<string>? knownGroups, CancellationToken cancellationToken)
    {
        var check = IdPattern().IsMatch(id) ? Check(displayName, roles, groups, knownGroups) : AccountChange.Invalid;
        if (check != AccountChange.Done)
        {
            return check;
        }

        if (!IsAcceptable(password))
        {
            return AccountChange.WeakPassword;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        if (await db.HumanAgents.AnyAsync(a => a.Id == id, cancellationToken))
        {
            return AccountChange.Taken;
        }

        var agent = HumanAgent.Create(id, displayName.Trim(), roles, groups, handoff.Value.MaxActiveChatsPerHumanAgent);
        agent.SetPasswordHash(hasher.HashPassword(agent, password));
        // Created meanwhile elsewhere (another node seeding the demo accounts as it starts, or another admin): taken.
        if (!await RowInserts.InsertIfAbsentAsync(db, agent, cancellationToken))
        {
            return AccountChange.Taken;
        }

        roster.Forget();
        LogCreated(id);
        return AccountChange.Done;
    }

    /// <summary>Changes an account's name, roles and groups (checked as on creation); its sessions end.</summary>
    public Task<AccountChange> UpdateAsync(string id, string displayName, IReadOnlyCollection<string> roles, IReadOnlyCollection<string> groups, IReadOnlyCollection<string>? knownGroups, CancellationToken cancellationToken) =>
        Check(displayName, roles, groups, knownGroups) is not AccountChange.Done and var refused
            ? Task.FromResult(refused)
            : ChangeAsync(id, !roles.Contains(HumanAgent.AdminRole), (agent, _) => agent.Update(displayName.Trim(), roles, groups), cancellationToken);

    /// <summary>Disables (or enables again) an account; its sessions end within <see cref="SignInOptions.AccountCheckSeconds"/>.</summary>
    public Task<AccountChange> SetDisabledAsync(string id, bool disabled, CancellationToken cancellationToken) =>
        ChangeAsync(id, disabled, (agent, _) => agent.SetDisabled(disabled), cancellationToken);

    /// <summary>Sets a new password; the old one and the account's sessions stop working.</summary>
    public Task<AccountChange> ResetPasswordAsync(string id, string password, CancellationToken cancellationToken) => IsAcceptable(password)
        ? ChangeAsync(id, false, (agent, _) => agent.SetPasswordHash(hasher.HashPassword(agent, password)), cancellationToken)
        : Task.FromResult(AccountChange.WeakPassword);

    /// <summary>Deletes an account. Its name stays in the transcripts and sessions it took part in.</summary>
    public Task<AccountChange> DeleteAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(id, true, (agent, db) => db.HumanAgents.Remove(agent), cancellationToken);

    /// <summary>
    /// True while the principal's account exists, is enabled and has the stamp the session started with. The account is
    /// read at most every <see cref="SignInOptions.AccountCheckSeconds"/>, and at once after a change made here.
    /// </summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id)
        {
            return false;
        }

        var now = time.GetUtcNow();
        if (!_stamps.TryGetValue(id, out var known) || now - known.ReadAt >= TimeSpan.FromSeconds(signIn.Value.AccountCheckSeconds))
        {
            var agent = await FindAsync(id, cancellationToken);
            known = (agent is { IsDisabled: false } ? agent.SecurityStamp : null, now);
            _stamps[id] = known;
        }

        return known.Stamp is not null && known.Stamp == (user.FindFirstValue(StampClaim) ?? string.Empty);
    }

    /// <summary>The signed-in principal: name, display name, roles, agent groups and the account's stamp as claims.</summary>
    public static ClaimsPrincipal Principal(HumanAgent agent)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, agent.Id),
            new(ClaimTypes.Name, agent.DisplayName),
            new(MaxChatsClaim, agent.MaxActiveChats.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(StampClaim, agent.SecurityStamp),
        };
        claims.AddRange(agent.RoleList.Select(r => new Claim(ClaimTypes.Role, r)));
        claims.AddRange(agent.GroupList.Select(g => new Claim(GroupClaim, g)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    /// <summary>The signed-in agent as the handoff needs it, from the cookie's claims (no database read per request).</summary>
    public static HumanAgent FromPrincipal(ClaimsPrincipal user) => HumanAgent.Create(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty,
        user.FindFirstValue(ClaimTypes.Name) ?? string.Empty,
        user.FindAll(ClaimTypes.Role).Select(c => c.Value),
        user.FindAll(GroupClaim).Select(c => c.Value),
        int.TryParse(user.FindFirstValue(MaxChatsClaim), out var max) ? max : 1);

    /// <summary>Creates the configured demo accounts that do not exist yet (Development and Testing only; see AddAgentConsole).</summary>
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.SeedDemoAccounts || string.IsNullOrEmpty(o.DemoPassword))
        {
            return;
        }

        foreach (var demo in o.DemoAccounts)
        {
            await CreateAsync(demo.Id, demo.DisplayName, demo.Roles, demo.Groups, o.DemoPassword, null, cancellationToken);
        }
    }

    // Loads the account tracked, refuses to leave no enabled admin, applies the change and forgets the cached stamp.
    private async Task<AccountChange> ChangeAsync(string id, bool removesAdmin, Action<HumanAgent, XiaoshenDbContext> change, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var agent = await db.HumanAgents.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (agent is null)
        {
            return AccountChange.NotFound;
        }

        if (removesAdmin && IsEnabledAdmin(agent) && !await db.HumanAgents.AsNoTracking().Where(a => a.Id != id).AnyAsync(a => !a.IsDisabled && a.Roles.Contains(HumanAgent.AdminRole), cancellationToken))
        {
            return AccountChange.LastAdmin;
        }

        change(agent, db);
        await db.SaveChangesAsync(cancellationToken);
        _stamps.TryRemove(id, out _);
        roster.Forget();
        LogChanged(id);
        return AccountChange.Done;
    }

    private static AccountChange Check(string displayName, IReadOnlyCollection<string> roles, IReadOnlyCollection<string> groups, IReadOnlyCollection<string>? knownGroups)
    {
        if (displayName.Trim().Length is 0 or > 64 || roles.Count == 0 || !roles.All(HumanAgent.AllRoles.Contains))
        {
            return AccountChange.Invalid;
        }

        // A department's name typed for its group (公积金 for gjj) is an unknown group, said so.
        if (knownGroups is not null && !groups.All(knownGroups.Contains))
        {
            return AccountChange.UnknownGroup;
        }

        return groups.Any(g => !IdPattern().IsMatch(g)) || string.Join(',', groups).Length > 512 ? AccountChange.Invalid : AccountChange.Done;
    }

    private bool IsAcceptable(string password) => password.Length >= signIn.Value.MinPasswordLength && password.Length <= MaxPasswordLength;

    private static bool IsEnabledAdmin(HumanAgent agent) => !agent.IsDisabled && agent.RoleList.Contains(HumanAgent.AdminRole);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex IdPattern();

    [LoggerMessage(Level = LogLevel.Information, Message = "Console account {HumanAgentId} created")]
    private partial void LogCreated(string humanAgentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Console account {HumanAgentId} changed by an admin")]
    private partial void LogChanged(string humanAgentId);
}
