using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// The handoff's timers, run by <see cref="HandoffMonitor"/> on every node: after a start, conversations left in human
/// hands wait in their queues again; then, at each tick, escalation, the silence reminder and close, closing the queue
/// after hours, re-queueing the chats of agents no longer heard, assignment and waiting updates. Each timer's change is
/// claimed on its row (<see cref="HandoffClaims.StoreAsync"/>), so with several nodes it is made once. Singleton.
/// </summary>
public sealed partial class HandoffClock(
    HandoffCopies copies,
    HandoffAssignment assignment,
    HandoffNotices notices,
    HandoffClaims claims,
    HandoffAvailability availability,
    ConversationStore conversations,
    HumanAgentRoster roster,
    IServiceScopeFactory scopes,
    IOptionsMonitor<HandoffOptions> options,
    IOptionsMonitor<HandoffMessages> messages,
    TimeProvider time,
    ILogger<HandoffClock> logger)
{
    private readonly TaskCompletionSource _restored = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Letting go of copies of rows ended elsewhere is housekeeping: once a minute, not at every tick.
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    private DateTimeOffset? _lastSweep;

    // This node's last tick: agents heard before its presence window and not since went away in between.
    private DateTimeOffset? _lastTick;

    private HandoffMessages M => messages.CurrentValue;

    /// <summary>Completes once <see cref="RestoreAsync"/> has put back what was open before the start.</summary>
    public Task Restored => _restored.Task;

    /// <summary>
    /// Escalates, reminds, closes, re-queues the conversations of agents no longer heard, assigns, and tells people
    /// waiting how it goes: whatever is due at this moment.
    /// </summary>
    public async Task TickAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var o = options.CurrentValue;
        var changed = new List<HandoffChange>();

        // The accounts are read again when due, so the dialog (which cannot wait for a read) knows who serves.
        await roster.AllAsync(cancellationToken);
        var online = roster.OnlineIds(now);
        if (_lastTick is { } last)
        {
            foreach (var away in roster.OnlineIds(last).Where(id => !online.Contains(id)))
            {
                LogAway(away);
                changed.Add(new HandoffChange(null, HandoffChangeKind.Presence));
            }
        }

        _lastTick = now;
        if (_lastSweep is not { } swept || now - swept >= SweepEvery)
        {
            _lastSweep = now;
            await ForgetEndedAsync(cancellationToken);
        }

        // The chats of agents no longer heard on any node, whichever node gave them (an external contact centre is never
        // heard). Each is claimed on its row (DueAsync below), so with several nodes it is queued again once. The copy of
        // the presence may be a moment old, so an agent missing from it is asked about again before being taken for gone:
        // one first heard on another node just now may already have accepted a conversation there.
        var lost = new List<(string HumanAgentId, HandoffCopy Live)>();
        var gone = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var row in await claims.OpenRowsAsync(s => s.HumanAgentId != null && s.HumanAgentId != HandoffIntake.ExternalAgent, cancellationToken))
        {
            var agentId = row.HumanAgentId!;
            if (online.Contains(agentId))
            {
                continue;
            }

            if (!gone.TryGetValue(agentId, out var isGone))
            {
                gone[agentId] = isGone = !await roster.IsOnlineNowAsync(agentId, now);
            }

            if (isGone && await copies.FollowAsync(row.ConversationId, row, null, cancellationToken) is { } taken)
            {
                lost.Add((agentId, taken));
            }
        }

        // The due rows of every node, read from the database: a conversation queued on a node that died (or does not
        // tick) is served by the others. Each change below is claimed on its row before anything is said (DueAsync),
        // so with several nodes it is made once.
        var due = new List<HandoffCopy>();
        foreach (var row in await claims.DueAsync(Due(now, o), cancellationToken))
        {
            if (await copies.FollowAsync(row.ConversationId, row, null, cancellationToken) is { } taken)
            {
                due.Add(taken);
            }
        }

        foreach (var live in due)
        {
            if (await DueAsync(live, r => r.HumanAgentId is null && r.EscalatedAt is null && now - r.QueuedAt >= TimeSpan.FromSeconds(o.EscalateAfterSeconds), r => r.Escalate(now), cancellationToken))
            {
                LogEscalated(live.Conversation.Id, live.Routing.DepartmentId, live.Routing.BackupGroup ?? "-");
                changed.Add(new HandoffChange(live.Conversation.Id, HandoffChangeKind.Escalated));
            }

            if (availability.FindDepartment(live.Routing.DepartmentId) is { } department && !availability.IsOpen(department)
                && await DueAsync(live, r => r.HumanAgentId is null, r => r.End(HandoffOutcome.ClosedAfterHours, now), cancellationToken))
            {
                Finish(live, () => copies.Persist(live.Conversation.ReturnToBot("department-closed", HandoffCopies.System, now)));
                await notices.TellAsync(live.Conversation, ConversationMessages.Fill(M.DepartmentClosedWhileWaiting, ("Department", department.Name)), [M.LeaveMessageButton], cancellationToken);
                changed.Add(new HandoffChange(live.Conversation.Id, HandoffChangeKind.Ended));
                continue;
            }

            if (await DueAsync(live, r => r.HumanAgentId is not null && r.AwaitsPerson && r.RemindedAt is null && now - r.LastPersonAt >= TimeSpan.FromMinutes(o.PersonSilentReminderMinutes), r => r.Reminded(now), cancellationToken))
            {
                await notices.TellAsync(live.Conversation, ConversationMessages.Fill(M.PersonSilentReminder, ("Minutes", o.PersonSilentCloseMinutes.ToString(CultureInfo.InvariantCulture))), [], cancellationToken);
            }
            else if (await DueAsync(live, r => r.HumanAgentId is not null && r.AwaitsPerson && r.RemindedAt is { } reminded && now - reminded >= TimeSpan.FromMinutes(o.PersonSilentCloseMinutes), r => r.End(HandoffOutcome.PersonSilent, now), cancellationToken))
            {
                Finish(live, () =>
                {
                    copies.Persist(live.Conversation.Resolve(nameof(HandoffOutcome.PersonSilent), HandoffCopies.System, now));
                    copies.Persist(live.Conversation.ReturnToBot("person-silent", HandoffCopies.System, now));
                });
                await notices.TellAsync(live.Conversation, M.PersonSilentClosed, [], cancellationToken);
                changed.Add(new HandoffChange(live.Conversation.Id, HandoffChangeKind.Ended));
            }
        }

        foreach (var (agentId, live) in lost)
        {
            if (!await DueAsync(live, r => r.HumanAgentId == agentId, r =>
            {
                r.Unassign();
                r.Told(now);
            }, cancellationToken))
            {
                continue;
            }

            lock (copies.Gate)
            {
                copies.Persist(live.Conversation.Queue(live.Routing.DepartmentId, "agent-away", HandoffCopies.System, now));
            }

            var waiting = await notices.WaitingAsync(live, now, cancellationToken);

            conversations.Save(live.Conversation);
            LogRequeued(live.Conversation.Id, agentId);
            await notices.TellAsync(live.Conversation, ConversationMessages.Fill(M.AgentLost, ("Agent", roster.NameOf(agentId)), ("Status", waiting.Status)), waiting.Actions, cancellationToken);
            changed.Add(new HandoffChange(live.Conversation.Id, HandoffChangeKind.Queued));
        }

        var assigned = await assignment.AssignWaitingAsync(cancellationToken);
        foreach (var live in due)
        {
            if (await DueAsync(live, r => r.HumanAgentId is null && now - r.ToldAt >= TimeSpan.FromSeconds(o.WaitingUpdateSeconds), r => r.Told(now), cancellationToken))
            {
                var waiting = await notices.WaitingAsync(live, now, cancellationToken);
                await notices.TellAsync(live.Conversation, ConversationMessages.Fill(M.WaitingUpdate, ("Status", waiting.Status)), waiting.Actions, cancellationToken);
            }
        }

        await assignment.AnnounceAsync(assigned, cancellationToken);
        foreach (var change in changed)
        {
            copies.Notify(change);
        }
    }

    /// <summary>
    /// After a restart, conversations still in human hands wait in their queues again (their agents re-accept them).
    /// A rating asked before the restart is still read as one while its window lasts: it is on the row.
    /// </summary>
    public async Task RestoreAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        List<HandoffSession> open;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
            open = await db.HandoffSessions.Where(s => s.EndedAt == null).ToListAsync(cancellationToken);
        }

        foreach (var session in open)
        {
            if (await conversations.FindAsync(session.ConversationId, cancellationToken) is not { IsWithHumans: true } conversation
                || availability.FindDepartment(session.DepartmentId) is not { } department)
            {
                continue;
            }

            var routing = HandoffAvailability.Route(department, session.MatterId, session.Reason);
            HandoffCopy live;
            lock (copies.Gate)
            {
                live = copies.Open(conversation, session, routing);

                // An agent still heard (on another node, with a shared presence) keeps the conversation.
                if (conversation.Status == ConversationStatus.WithHuman && !(session.HumanAgentId is { } agentId && roster.IsOnline(agentId, now)))
                {
                    session.Unassign();
                    copies.Persist(conversation.Queue(department.Id, "restarted", HandoffCopies.System, now));
                }
            }

            conversations.Pin(conversation);
            copies.Save(live);
        }

        _restored.TrySetResult();
    }

    // The moments before which a row is due for one of the clock's changes, and the departments closed now.
    private HandoffDue Due(DateTimeOffset now, HandoffOptions o) => new(
        now - TimeSpan.FromSeconds(o.EscalateAfterSeconds),
        now - TimeSpan.FromSeconds(o.WaitingUpdateSeconds),
        now - TimeSpan.FromMinutes(o.PersonSilentReminderMinutes),
        now - TimeSpan.FromMinutes(o.PersonSilentCloseMinutes),
        availability.Departments.Where(d => !availability.IsOpen(d)).Select(d => d.Id).ToList());

    /// <summary>
    /// A timer's change of one row, made once across nodes: <paramref name="due"/> is asked of this node's copy, and the
    /// change is stored only while the row is as this node last knew it. When another node made it first (or changed
    /// the row otherwise), that node's change stands and this node takes the row up again; false then.
    /// </summary>
    private async Task<bool> DueAsync(HandoffCopy live, Func<HandoffSession, bool> due, Action<HandoffSession> change, CancellationToken cancellationToken)
    {
        HandoffSession row;
        long seen;
        lock (copies.Gate)
        {
            // The copy held now, not the one this tick took up: a tick running beside this one whose claim lost brings
            // the conversation up to the newer row (CurrentAsync below), which replaces the copy; acting only on the
            // copy taken up would then leave the next change (the waiting update after an escalation) to nobody.
            // A row ended by a tick running beside this one (the monitor's and a command's) is not due for anything.
            if (copies.Find(live.Conversation.Id) is not { } held || held.Session.Id != live.Session.Id || held.Session.EndedAt is not null || !due(held.Session))
            {
                return false;
            }

            live = held;
            row = live.Session.Copy();
            seen = live.Session.Version;
        }

        change(row);
        if (await copies.StoreAsync(live, row, seen, cancellationToken))
        {
            return true;
        }

        await copies.CurrentAsync(live.Conversation.Id, null, cancellationToken);
        return false;
    }

    // Copies of rows that ended on another node: this node took them up (a due row at a tick, a command, the workbench)
    // and would otherwise keep them, and their conversations pinned in memory, until it next looked at that conversation,
    // which for most is never. Each is brought up to its row as a command would (CurrentAsync), which drops it, so a
    // node holds the open rows it acts on, not every handoff of the deployment it ever saw.
    private async Task ForgetEndedAsync(CancellationToken cancellationToken)
    {
        List<(Guid ConversationId, Guid SessionId)> held;
        lock (copies.Gate)
        {
            held = copies.All.Select(c => (c.Conversation.Id, c.Session.Id)).ToList();
        }

        if (held.Count == 0)
        {
            return;
        }

        var ids = held.Select(h => h.ConversationId).ToList();
        var open = (await claims.OpenRowsAsync(s => ids.Contains(s.ConversationId), cancellationToken)).Select(r => r.Id).ToHashSet();
        foreach (var (conversationId, _) in held.Where(h => !open.Contains(h.SessionId)))
        {
            await copies.CurrentAsync(conversationId, null, cancellationToken);
        }
    }

    // The clock ended the row: the conversation leaves human hands on this node.
    private void Finish(HandoffCopy live, Action transitions)
    {
        lock (copies.Gate)
        {
            transitions();
            copies.Drop(live.Conversation.Id);
        }

        conversations.Unpin(live.Conversation);
        conversations.Save(live.Conversation);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {ConversationId} waited past the escalation limit in {DepartmentId}; backup group {BackupGroup} notified")]
    private partial void LogEscalated(Guid conversationId, string departmentId, string backupGroup);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {ConversationId} back in the queue: agent {HumanAgentId} is no longer heard")]
    private partial void LogRequeued(Guid conversationId, string humanAgentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Human agent {HumanAgentId} is no longer heard: offline")]
    private partial void LogAway(string humanAgentId);
}
