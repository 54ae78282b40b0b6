using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.AgentConsole;

/// <summary>Console accounts: password check (ASP.NET Core Identity's PBKDF2 hasher), claims, and the demo accounts. Singleton.</summary>
public sealed partial class HumanAgentAccounts(IServiceScopeFactory scopes, IOptions<AgentConsoleOptions> options, IOptions<HandoffOptions> handoff, ILogger<HumanAgentAccounts> logger)
{
    public const string GroupClaim = "xiaoshen:group";
    public const string MaxChatsClaim = "xiaoshen:max-chats";

    private readonly PasswordHasher<HumanAgent> _hasher = new();

    /// <summary>The account when the password is right; null otherwise (the caller does not learn which part was wrong).</summary>
    public async Task<HumanAgent?> VerifyAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var agent = await FindAsync(userName.Trim(), cancellationToken);
        if (agent is null || _hasher.VerifyHashedPassword(agent, agent.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            LogSignInRefused();
            return null;
        }

        return agent;
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

    /// <summary>Creates an account with a hashed password; false when the id is taken.</summary>
    public async Task<bool> CreateAsync(string id, string displayName, IEnumerable<string> roles, IEnumerable<string> groups, string password, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        if (await db.HumanAgents.AnyAsync(a => a.Id == id, cancellationToken))
        {
            return false;
        }

        var agent = HumanAgent.Create(id, displayName, roles, groups, handoff.Value.MaxActiveChatsPerHumanAgent);
        agent.SetPasswordHash(_hasher.HashPassword(agent, password));
        db.HumanAgents.Add(agent);
        await db.SaveChangesAsync(cancellationToken);
        LogCreated(id);
        return true;
    }

    /// <summary>The signed-in principal: name, display name, roles and agent groups as claims.</summary>
    public static ClaimsPrincipal Principal(HumanAgent agent)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, agent.Id),
            new(ClaimTypes.Name, agent.DisplayName),
            new(MaxChatsClaim, agent.MaxActiveChats.ToString(System.Globalization.CultureInfo.InvariantCulture)),
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

    /// <summary>Creates the configured demo accounts that do not exist yet.</summary>
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.SeedDemoAccounts || string.IsNullOrEmpty(o.DemoPassword))
        {
            return;
        }

        foreach (var demo in o.DemoAccounts)
        {
            await CreateAsync(demo.Id, demo.DisplayName, demo.Roles, demo.Groups, o.DemoPassword, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A console sign-in was refused")]
    private partial void LogSignInRefused();

    [LoggerMessage(Level = LogLevel.Information, Message = "Console account {HumanAgentId} created")]
    private partial void LogCreated(string humanAgentId);
}
