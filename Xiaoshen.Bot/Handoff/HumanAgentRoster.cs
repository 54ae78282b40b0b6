using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// The human agents every node knows alike: the enabled console accounts (the <c>HumanAgents</c> table), with the shared
/// presence (<see cref="IHumanAgentPresence"/>) saying who is online. The accounts are read again once
/// <see cref="KeptFor"/> has passed, at once after a change made on this node (<see cref="Forget"/>), and when an agent
/// this node does not know yet is heard (an account made on another node). Their chats are on the rows
/// (<see cref="HandoffClaims.ActiveChatsAsync"/>). Singleton, thread-safe.
/// </summary>
public sealed class HumanAgentRoster(
    IServiceScopeFactory scopes,
    IHumanAgentPresence presence,
    IOptionsMonitor<HandoffOptions> options,
    TimeProvider time)
{
    /// <summary>How long the accounts read are used before they are read again.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _reading = new(1, 1);

    // Raised by Forget, so a read that started before the change is not kept as fresh.
    private long _changes;

    // The accounts as last read, and when; replaced whole, so readers without the semaphore see one consistent list.
    private volatile Accounts _accounts = new(new Dictionary<string, HumanAgent>(StringComparer.Ordinal), null);

    /// <summary>The enabled accounts, read again when older than <see cref="KeptFor"/> or forgotten.</summary>
    public async Task<IReadOnlyCollection<HumanAgent>> AllAsync(CancellationToken cancellationToken) =>
        (await CurrentAsync(cancellationToken)).ById.Values;

    /// <summary>The accounts are read again at their next use (an account changed on this node).</summary>
    public void Forget()
    {
        Interlocked.Increment(ref _changes);
        _accounts = _accounts with { ReadAt = null };
    }

    /// <summary>The account as last read, without reading (for callers that cannot wait); null when unknown.</summary>
    public HumanAgent? Find(string humanAgentId) => _accounts.ById.GetValueOrDefault(humanAgentId);

    /// <summary>The agent's display name as last read; the id when no account is known.</summary>
    public string NameOf(string humanAgentId) => Find(humanAgentId)?.DisplayName ?? humanAgentId;

    /// <summary>Heard within <see cref="HandoffOptions.PresenceTimeoutSeconds"/>, on any node.</summary>
    public bool IsOnline(string humanAgentId, DateTimeOffset now) =>
        presence.LastHeard(humanAgentId) is { } heard && heard >= OnlineSince(now);

    /// <summary>Heard within <see cref="HandoffOptions.PresenceTimeoutSeconds"/>, on any node, as the shared presence says at this moment.</summary>
    public async Task<bool> IsOnlineNowAsync(string humanAgentId, DateTimeOffset now) =>
        await presence.LastHeardNowAsync(humanAgentId) is { } heard && heard >= OnlineSince(now);

    /// <summary>The ids of everyone heard within <see cref="HandoffOptions.PresenceTimeoutSeconds"/>, on any node.</summary>
    public IReadOnlySet<string> OnlineIds(DateTimeOffset now) => presence.HeardSince(OnlineSince(now)).Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>The accounts online now, as last read (for callers that cannot wait).</summary>
    public IReadOnlyList<HumanAgent> Online(DateTimeOffset now) => Online(_accounts, now);

    /// <summary>The accounts online now, read again when older than <see cref="KeptFor"/>.</summary>
    public async Task<IReadOnlyList<HumanAgent>> OnlineAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        Online(await CurrentAsync(cancellationToken), now);

    /// <summary>The moment from which an agent heard counts as online at <paramref name="now"/>.</summary>
    public DateTimeOffset OnlineSince(DateTimeOffset now) => now - TimeSpan.FromSeconds(options.CurrentValue.PresenceTimeoutSeconds);

    private List<HumanAgent> Online(Accounts accounts, DateTimeOffset now)
    {
        var heard = presence.HeardSince(OnlineSince(now));
        return accounts.ById.Values.Where(a => heard.ContainsKey(a.Id)).OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
    }

    private async Task<Accounts> CurrentAsync(CancellationToken cancellationToken)
    {
        var known = _accounts;
        if (IsFresh(known))
        {
            return known;
        }

        await _reading.WaitAsync(cancellationToken);
        try
        {
            // Read meanwhile by another caller.
            if (_accounts is var again && again != known && IsFresh(again))
            {
                return again;
            }

            var readAt = time.GetUtcNow();
            var changes = Interlocked.Read(ref _changes);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
            var enabled = await db.HumanAgents.AsNoTracking().Where(a => !a.IsDisabled).ToListAsync(cancellationToken);
            var read = new Accounts(enabled.ToDictionary(a => a.Id, StringComparer.Ordinal), readAt);
            _accounts = Interlocked.Read(ref _changes) == changes ? read : read with { ReadAt = null };
            return read;
        }
        finally
        {
            _reading.Release();
        }
    }

    private bool IsFresh(Accounts accounts) => accounts.ReadAt is { } readAt && time.GetUtcNow() - readAt < KeptFor;

    private sealed record Accounts(Dictionary<string, HumanAgent> ById, DateTimeOffset? ReadAt);
}
