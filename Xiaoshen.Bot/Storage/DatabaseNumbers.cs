using Microsoft.EntityFrameworkCore;
using Xiaoshen.Bot.Conversations;

namespace Xiaoshen.Bot.Storage;

/// <summary>
/// Numbers that the database hands out, so that nodes writing to one conversation never give two rows one number
/// (issue 13): a turn's sequence and a Direct Line activity's watermark. Each is one statement that increments a counter
/// row and returns it (UPDATE … RETURNING, or INSERT … ON CONFLICT DO UPDATE … RETURNING), the same SQL on SQLite and
/// PostgreSQL. Called inside the <see cref="StorageWriter"/>'s transaction: the counter row stays locked until the rows
/// it numbered are committed, so numbers become visible in order and a rolled-back batch hands its numbers out again.
/// </summary>
internal static class DatabaseNumbers
{
    /// <summary>The next turn number of a conversation (1, 2, …). The conversation is inserted first when it is new in this batch.</summary>
    public static int NextTurn(XiaoshenDbContext db, Guid conversationId)
    {
        if (IncrementTurns(db, conversationId) is not { } next)
        {
            // The conversation's own row is queued in this batch and not yet inserted.
            db.SaveChanges();
            next = IncrementTurns(db, conversationId)
                ?? throw new InvalidOperationException($"Conversation {conversationId} is not stored; its turn cannot be numbered.");
        }

        // The row answered, so the turn's conversation, saved after it, is updated without asking again.
        db.StoredRows.Found<Conversation>(conversationId);
        return next;
    }

    /// <summary>Reserves <paramref name="count"/> watermarks of a Direct Line conversation's log; returns the first (0 for a new log).</summary>
    public static int NextActivities(XiaoshenDbContext db, string conversationId, int count)
    {
        var next = db.Database.SqlQuery<int>($"""
            INSERT INTO "DirectLineWatermarks" ("ConversationId", "Next") VALUES ({conversationId}, {count})
            ON CONFLICT ("ConversationId") DO UPDATE SET "Next" = "DirectLineWatermarks"."Next" + excluded."Next"
            RETURNING "Next" AS "Value"
            """).AsEnumerable().Single();
        return next - count;
    }

    // Not composed (AsEnumerable), so the statement runs as written.
    private static int? IncrementTurns(XiaoshenDbContext db, Guid conversationId) =>
        db.Database.SqlQuery<int>($"""
            UPDATE "Conversations" SET "TurnCount" = "TurnCount" + 1 WHERE "Id" = {conversationId} RETURNING "TurnCount" AS "Value"
            """).AsEnumerable().Select(n => (int?)n).SingleOrDefault();
}
