using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Reports;

/// <summary>
/// Builds the episodes of a period from the stored rows (turns, handoff sessions, call-back tickets, feedback) each time
/// it is asked: nothing is stored, so a report is always the rules applied to the raw rows. Rows a day either side of
/// the period are read too, so an episode that began before the period is not taken for a new one, and one that began
/// inside it is seen to its end.
/// </summary>
public sealed class EpisodeProjection(IServiceScopeFactory scopes, StorageWriter writer, HandoffAvailability availability, IOptionsMonitor<ReportsOptions> options)
{
    private static readonly TimeSpan Margin = TimeSpan.FromDays(1);

    public async Task<IReadOnlyList<Episode>> EpisodesAsync(ReportFilter filter, CancellationToken cancellationToken)
    {
        await writer.FlushAsync();
        // UTC bounds: SQLite stores a moment as a number built from its own offset's clock time, and the service
        // stores every moment in UTC, so only UTC bounds compare as moments there.
        var start = (filter.Start - Margin).ToUniversalTime();
        var end = (filter.End + Margin).ToUniversalTime();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var rows = await (
                from t in db.Turns.AsNoTracking()
                join c in db.Conversations on t.ConversationId equals c.Id
                where t.At >= start && t.At < end
                select new { Turn = new ReportTurn(t.Id, t.ConversationId, t.Sequence, t.Role, t.At, t.Decision, t.MatterId, t.Content, t.Role == TurnRole.User ? t.Text : null), c.Channel })
            .ToListAsync(cancellationToken);
        var sessions = (await db.HandoffSessions.AsNoTracking().Where(s => s.QueuedAt >= start && s.QueuedAt < end).ToListAsync(cancellationToken)).ToLookup(s => s.ConversationId);
        var tickets = (await db.CallbackTickets.AsNoTracking().Where(t => t.CreatedAt >= start && t.CreatedAt < end).ToListAsync(cancellationToken)).ToLookup(t => t.ConversationId);
        var feedback = (await db.Feedback.AsNoTracking().Where(f => f.At >= start && f.At < end).ToListAsync(cancellationToken)).ToLookup(f => f.ConversationId);

        var gap = TimeSpan.FromMinutes(options.CurrentValue.EpisodeGapMinutes);
        var departments = new Dictionary<string, string>();
        string DepartmentOf(string? matterId)
        {
            var key = matterId ?? string.Empty;
            if (!departments.TryGetValue(key, out var id))
            {
                departments[key] = id = availability.DepartmentFor(matterId).Id;
            }

            return id;
        }

        var episodes = new List<Episode>();
        foreach (var conversation in rows.GroupBy(r => r.Turn.ConversationId))
        {
            var id = conversation.Key;
            var projected = EpisodeRules.Project(conversation.First().Channel, conversation.Select(r => r.Turn), sessions[id], tickets[id], feedback[id], gap, DepartmentOf);
            episodes.AddRange(projected.Where(e => filter.Matches(e) && (!filter.WorkingHoursOnly || InWorkingHours(e))));
        }

        return [.. episodes.OrderBy(e => e.StartedAt)];

        bool InWorkingHours(Episode episode) =>
            availability.FindDepartment(episode.DepartmentId) is { } department && availability.WasOpen(department, episode.StartedAt);
    }
}
