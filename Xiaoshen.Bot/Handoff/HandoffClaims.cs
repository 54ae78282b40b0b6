using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// The open <see cref="HandoffSession"/> rows as the database holds them, read, claimed and changed in a <c>DbContext</c>
/// of their own: the database, not a node's memory, decides who takes a waiting conversation, so two agents on two nodes
/// cannot both take it, and a change made from a copy older than the stored row is refused instead of overwriting it
/// (<see cref="StoreAsync"/>, <see cref="StoreBehind"/>: the row's <see cref="HandoffSession.Version"/> is compared, as
/// EF does with a concurrency token). Singleton and thread-safe.
/// </summary>
public sealed class HandoffClaims(IServiceScopeFactory scopes, StorageWriter writer)
{
    // Conversations whose rows this node has queued writes of (InsertBehind, StoreBehind): reading or storing one such
    // row waits for the writer first; any other row is read at once.
    private readonly PendingWrites _behind = new(writer);

    /// <summary>How far back an agent's last assignment breaks ties between agents equally busy (older: never).</summary>
    public static readonly TimeSpan LastAssignedWithin = TimeSpan.FromDays(1);

    /// <summary>The conversation's open row as stored (after this node's pending writes); null when none is open.</summary>
    public async Task<HandoffSession?> OpenAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        await _behind.AfterAsync(conversationId, CancellationToken.None);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        return await db.HandoffSessions.AsNoTracking().FirstOrDefaultAsync(s => s.ConversationId == conversationId && s.EndedAt == null, cancellationToken);
    }

    /// <summary>The open rows that match <paramref name="which"/>, as stored after this node's pending writes, oldest first.</summary>
    public async Task<List<HandoffSession>> OpenRowsAsync(Expression<Func<HandoffSession, bool>> which, CancellationToken cancellationToken)
    {
        await writer.CommittedAsync();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        return await db.HandoffSessions.AsNoTracking().Where(s => s.EndedAt == null).Where(which).OrderBy(s => s.QueuedAt).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The open rows, of any node, on which the handoff's clock has something to do at <paramref name="due"/>'s moment:
    /// waiting past the escalation limit, the person waiting long enough for an update or their department closed, or,
    /// with an agent who answered last, the person silent long enough for the reminder or, once reminded, for the
    /// close. One read after this node's pending writes, no transaction; the changes are claimed one by one with
    /// <see cref="StoreAsync"/>.
    /// </summary>
    public async Task<List<HandoffSession>> DueAsync(HandoffDue due, CancellationToken cancellationToken)
    {
        // Stored times are UTC, and SQLite compares them as numbers: compare in UTC too.
        var escalate = due.EscalateQueuedBefore.ToUniversalTime();
        var tell = due.TellToldBefore.ToUniversalTime();
        var remind = due.RemindSilentSince.ToUniversalTime();
        var close = due.CloseRemindedBefore.ToUniversalTime();
        var closed = due.ClosedDepartments.ToArray();
        await writer.CommittedAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        return await db.HandoffSessions.AsNoTracking()
            .Where(s => s.EndedAt == null)
            .Where(s => s.HumanAgentId == null
                ? (s.EscalatedAt == null && s.QueuedAt <= escalate) || s.ToldAt <= tell || closed.Contains(s.DepartmentId)
                : s.LastAgentAt != null && s.LastAgentAt >= s.LastPersonAt && ((s.RemindedAt == null && s.LastPersonAt <= remind) || s.RemindedAt <= close))
            .OrderBy(s => s.QueuedAt)
            .ThenBy(s => s.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// How many conversations of the row's department wait before it, queued on any node, in the order the assignment
    /// serves them (queued earlier; at the same instant, the smaller id); 0 once it is no longer waiting.
    /// </summary>
    public async Task<int> AheadAsync(HandoffSession row, CancellationToken cancellationToken)
    {
        if (row.HumanAgentId is not null || row.EndedAt is not null)
        {
            return 0;
        }

        var queuedAt = row.QueuedAt.ToUniversalTime();
        await writer.CommittedAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var waiting = db.HandoffSessions.Where(s => s.EndedAt == null && s.HumanAgentId == null && s.DepartmentId == row.DepartmentId);
        var before = await waiting.CountAsync(s => s.QueuedAt < queuedAt, cancellationToken);
        var tied = await waiting.Where(s => s.QueuedAt == queuedAt).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(cancellationToken);
        return before + Math.Max(0, tied.IndexOf(row.Id));
    }

    /// <summary>
    /// How long the department's last <paramref name="count"/> conversations taken since <paramref name="since"/> waited
    /// (queued to assigned), whichever node assigned them, latest first; empty when none was taken lately.
    /// </summary>
    public async Task<List<TimeSpan>> RecentWaitsAsync(string departmentId, DateTimeOffset since, int count, CancellationToken cancellationToken)
    {
        var after = since.ToUniversalTime();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var taken = await db.HandoffSessions.AsNoTracking()
            .Where(s => s.DepartmentId == departmentId && s.AssignedAt != null && s.AssignedAt >= after)
            .OrderByDescending(s => s.AssignedAt)
            .Take(count)
            .Select(s => new { s.QueuedAt, s.AssignedAt })
            .ToListAsync(cancellationToken);
        return taken.ConvertAll(t => t.AssignedAt!.Value - t.QueuedAt);
    }

    /// <summary>The open conversations each of <paramref name="humanAgentIds"/> has, on any node, as stored after this node's pending writes.</summary>
    public async Task<Dictionary<string, int>> ActiveChatsAsync(IReadOnlyCollection<string> humanAgentIds, CancellationToken cancellationToken)
    {
        await writer.CommittedAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        return await ActiveChatsAsync(scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>(), humanAgentIds, cancellationToken);
    }

    private static Task<Dictionary<string, int>> ActiveChatsAsync(XiaoshenDbContext db, IReadOnlyCollection<string> humanAgentIds, CancellationToken cancellationToken)
    {
        var ids = humanAgentIds.ToList();
        return db.HandoffSessions.Where(s => s.EndedAt == null && s.HumanAgentId != null && ids.Contains(s.HumanAgentId))
            .GroupBy(s => s.HumanAgentId!)
            .Select(g => new { Id = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Id, g => g.Count, StringComparer.Ordinal, cancellationToken);
    }

    // When each agent was last given a conversation (since the moment given), on any node; missing when not since then.
    private static Task<Dictionary<string, DateTimeOffset?>> LastAssignedAsync(XiaoshenDbContext db, List<string> humanAgentIds, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var after = since.ToUniversalTime();
        return db.HandoffSessions.Where(s => s.HumanAgentId != null && humanAgentIds.Contains(s.HumanAgentId) && s.AssignedAt >= after)
            .GroupBy(s => s.HumanAgentId!)
            .Select(g => new { Id = g.Key, At = g.Max(s => s.AssignedAt) })
            .ToDictionaryAsync(g => g.Id, g => g.At, StringComparer.Ordinal, cancellationToken);
    }

    /// <summary>
    /// Stores <paramref name="assigned"/> (a row read by <see cref="OpenAsync"/>, then given to an agent by
    /// <see cref="HandoffSession.Assign"/>) when its stored row is still open and nobody has it, in one conditional
    /// UPDATE; false when another agent, on any node, claimed it first or it ended meanwhile.
    /// </summary>
    public async Task<bool> ClaimAsync(HandoffSession assigned, CancellationToken cancellationToken)
    {
        // Stored times are UTC (StoredText sees only SaveChanges, not this statement).
        var assignedAt = assigned.AssignedAt?.ToUniversalTime();
        var lastPersonAt = assigned.LastPersonAt.ToUniversalTime();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var rows = await db.HandoffSessions
            .Where(s => s.Id == assigned.Id && s.HumanAgentId == null && s.EndedAt == null)
            .ExecuteUpdateAsync(
                set => set.SetProperty(s => s.HumanAgentId, assigned.HumanAgentId)
                    .SetProperty(s => s.AssignedAt, assignedAt)
                    .SetProperty(s => s.LastPersonAt, lastPersonAt)
                    .SetProperty(s => s.Version, s => s.Version + 1),
                cancellationToken);
        return rows == 1;
    }

    /// <summary>
    /// Gives waiting rows, queued on any node, to <paramref name="agents"/> in queue order, each to the agent
    /// <paramref name="choose"/> picks from their snapshots, with their chat counts as the database holds them (open
    /// rows per agent, raised by each row given here, and when each was last given one within
    /// <see cref="LastAssignedWithin"/>, for the ties). One transaction per pass: on PostgreSQL under a transaction-level
    /// advisory lock, so one node at a time counts and gives (two nodes knowing the same agent cannot both fill the
    /// agent's last free place), and the waiting rows are read <c>FOR UPDATE SKIP LOCKED</c>, so a row that a command is
    /// changing right now is left to the next pass instead of waited for; on SQLite the transaction takes the write
    /// lock at its start. Each row is still given only while it is at the version read, waiting and open. Returns each
    /// row given, as read and as stored.
    /// </summary>
    public async Task<List<(HandoffSession Waiting, HandoffSession Assigned)>> AssignWaitingAsync(
        IReadOnlyList<HumanAgentSnapshot> agents, Func<HandoffSession, IReadOnlyList<HumanAgentSnapshot>, string?> choose, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // This node's rows queued just now are written first, so the pass sees them.
        await writer.CommittedAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();

        // Every tick of every node runs a pass: a plain read first, so a quiet queue takes no write lock (SQLite) and
        // no advisory lock (PostgreSQL).
        if (!await db.HandoffSessions.AnyAsync(s => s.EndedAt == null && s.HumanAgentId == null, cancellationToken))
        {
            return [];
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var postgres = db.Database.IsNpgsql();
        if (postgres)
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtext('xiaoshen:handoff-assignment'))", cancellationToken);
        }

        var waiting = postgres
            ? await db.HandoffSessions.FromSqlRaw("""SELECT * FROM "HandoffSessions" WHERE "EndedAt" IS NULL AND "HumanAgentId" IS NULL ORDER BY "QueuedAt", "Id" FOR UPDATE SKIP LOCKED""").AsNoTracking().ToListAsync(cancellationToken)
            : await db.HandoffSessions.AsNoTracking().Where(s => s.EndedAt == null && s.HumanAgentId == null).OrderBy(s => s.QueuedAt).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        if (waiting.Count == 0)
        {
            return [];
        }

        var ids = agents.Select(a => a.Id).ToList();
        var active = await ActiveChatsAsync(db, ids, cancellationToken);
        var last = await LastAssignedAsync(db, ids, now - LastAssignedWithin, cancellationToken);
        var snapshots = agents.Select(a => a with { ActiveChats = active.GetValueOrDefault(a.Id), LastAssignedAt = last.GetValueOrDefault(a.Id) }).ToList();
        var given = new List<(HandoffSession, HandoffSession)>();
        foreach (var row in waiting)
        {
            if (choose(row, snapshots) is not { } chosen)
            {
                continue;
            }

            var assigned = row.Copy();
            assigned.Assign(chosen, now);
            if (await Unchanged(db, row.Id, row.Version).Where(s => s.HumanAgentId == null && s.EndedAt == null).ExecuteUpdateAsync(Columns(assigned), cancellationToken) == 1)
            {
                given.Add((row, assigned));
                var index = snapshots.FindIndex(a => a.Id == chosen);
                snapshots[index] = snapshots[index] with { ActiveChats = snapshots[index].ActiveChats + 1, LastAssignedAt = now };
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return given;
    }

    /// <summary>
    /// Stores the live columns of <paramref name="changed"/> (a copy of a row read at version <paramref name="seen"/>,
    /// changed by the domain methods) when the stored row still has that version, in one conditional UPDATE, committed
    /// before it returns; false when another node changed the row since (read it again and decide again). Committed as
    /// the writer commits (<see cref="StorageWriter.CommitBesideAsync"/>): whoever is told of the change waits for the
    /// writer's flush (the commands, the person's turn), while a message relayed meanwhile does not wait for the disk.
    /// </summary>
    public async Task<bool> StoreAsync(HandoffSession changed, long seen, CancellationToken cancellationToken)
    {
        // This node's earlier writes behind of the row go first, so they cannot land after this one.
        await _behind.AfterAsync(changed.ConversationId, cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        return await writer.CommitBesideAsync(db, () => Unchanged(db, changed.Id, seen).ExecuteUpdateAsync(Columns(changed), cancellationToken), cancellationToken) == 1;
    }

    /// <summary>
    /// The same conditional UPDATE, queued on the writer (for changes no one waits for: the clock, a restart). Refused
    /// when another node changed the row since <paramref name="seen"/>: the stored row wins, and this node takes it up
    /// the next time it acts on the conversation (<see cref="HandoffSession.Version"/> differs from its copy's).
    /// </summary>
    public void StoreBehind(HandoffSession changed, long seen) => Behind(changed.ConversationId, () => writer.Enqueue(db =>
    {
        // Inserted in this same batch: the insert carries the row's latest values.
        if (db.Entry(changed).State == EntityState.Detached)
        {
            Unchanged(db, changed.Id, seen).ExecuteUpdate(Columns(changed));
        }
    }));

    /// <summary>A row new to the database (queued, transferred), queued on the writer.</summary>
    public void InsertBehind(HandoffSession row) => Behind(row.ConversationId, () => writer.Upsert(row, row.Id));

    private void Behind(Guid conversationId, Action enqueue) => _ = _behind.Track(conversationId, enqueue);

    private static IQueryable<HandoffSession> Unchanged(XiaoshenDbContext db, Guid id, long seen) =>
        db.HandoffSessions.Where(s => s.Id == id && s.Version == seen);

    // The columns the handoff changes while the row is open (ratings are stored by ServiceRatings). Stored times are
    // UTC: StoredText sees only SaveChanges, not this statement.
    private static Action<UpdateSettersBuilder<HandoffSession>> Columns(HandoffSession c)
    {
        var escalatedAt = c.EscalatedAt?.ToUniversalTime();
        var assignedAt = c.AssignedAt?.ToUniversalTime();
        var firstResponseAt = c.FirstResponseAt?.ToUniversalTime();
        var endedAt = c.EndedAt?.ToUniversalTime();
        var lastPersonAt = c.LastPersonAt.ToUniversalTime();
        var lastAgentAt = c.LastAgentAt?.ToUniversalTime();
        var toldAt = c.ToldAt.ToUniversalTime();
        var remindedAt = c.RemindedAt?.ToUniversalTime();
        var ratingOpenUntil = c.RatingOpenUntil?.ToUniversalTime();
        return set => set.SetProperty(s => s.HumanAgentId, c.HumanAgentId)
            .SetProperty(s => s.EscalatedAt, escalatedAt)
            .SetProperty(s => s.AssignedAt, assignedAt)
            .SetProperty(s => s.FirstResponseAt, firstResponseAt)
            .SetProperty(s => s.EndedAt, endedAt)
            .SetProperty(s => s.Outcome, c.Outcome)
            .SetProperty(s => s.LastPersonAt, lastPersonAt)
            .SetProperty(s => s.LastAgentAt, lastAgentAt)
            .SetProperty(s => s.ToldAt, toldAt)
            .SetProperty(s => s.RemindedAt, remindedAt)
            .SetProperty(s => s.PersonMessagesUnseen, c.PersonMessagesUnseen)
            .SetProperty(s => s.RatingOpenUntil, ratingOpenUntil)
            .SetProperty(s => s.Version, c.Version);
    }
}

/// <summary>
/// The moments that make a row due for the handoff's clock (<see cref="HandoffClaims.DueAsync"/>): waiting rows queued
/// before <see cref="EscalateQueuedBefore"/> and not escalated, told before <see cref="TellToldBefore"/>, or of a
/// department in <see cref="ClosedDepartments"/>; rows with an agent who answered last whose person is silent since
/// <see cref="RemindSilentSince"/> (not yet reminded) or was reminded before <see cref="CloseRemindedBefore"/>.
/// </summary>
public sealed record HandoffDue(
    DateTimeOffset EscalateQueuedBefore,
    DateTimeOffset TellToldBefore,
    DateTimeOffset RemindSilentSince,
    DateTimeOffset CloseRemindedBefore,
    IReadOnlyList<string> ClosedDepartments);
