using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// The open <see cref="HandoffSession"/> rows as the database holds them, read and claimed in a <c>DbContext</c> of their
/// own: the database, not a node's memory, decides who takes a waiting conversation, so two agents on two nodes cannot
/// both take it. Singleton and thread-safe.
/// </summary>
public sealed class HandoffClaims(IServiceScopeFactory scopes, StorageWriter writer)
{
    /// <summary>The conversation's open row as stored (after this node's pending writes); null when none is open.</summary>
    public async Task<HandoffSession?> OpenAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        await writer.FlushAsync();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        return await db.HandoffSessions.AsNoTracking().FirstOrDefaultAsync(s => s.ConversationId == conversationId && s.EndedAt == null, cancellationToken);
    }

    /// <summary>The open rows that match <paramref name="which"/>, as stored after this node's pending writes, oldest first.</summary>
    public async Task<List<HandoffSession>> OpenRowsAsync(Expression<Func<HandoffSession, bool>> which, CancellationToken cancellationToken)
    {
        await writer.FlushAsync();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        return await db.HandoffSessions.AsNoTracking().Where(s => s.EndedAt == null).Where(which).OrderBy(s => s.QueuedAt).ToListAsync(cancellationToken);
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
}
