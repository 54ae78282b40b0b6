using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Reports;

/// <summary>
/// Projects the episodes of a run of days from the raw rows (turns, handoff sessions, call-back tickets, feedback) by
/// <see cref="EpisodeRules"/>. Rows a day either side of the days are read too, so an episode that began before them is
/// not taken for a new one, and one that began inside them is seen to its end. Used for the days not stored yet and to
/// fill the stored days (<see cref="StoredDays"/>).
/// </summary>
public sealed class LiveEpisodes(IServiceScopeFactory scopes, HandoffAvailability availability, IOptionsMonitor<ReportsOptions> options)
{
    /// <summary>How far beyond a run of days its rows are read.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromDays(1);

    /// <summary>Every episode that began on the days <paramref name="from"/> to <paramref name="to"/> (Beijing), unfiltered.</summary>
    public async Task<List<Episode>> ProjectAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var period = new ReportFilter(from, to, null);

        // UTC bounds: SQLite stores a moment as a number built from its own offset's clock time, and the service
        // stores every moment in UTC, so only UTC bounds compare as moments there.
        var start = (period.Start - Margin).ToUniversalTime();
        var end = (period.End + Margin).ToUniversalTime();
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
            episodes.AddRange(projected.Where(e => e.StartedAt >= period.Start && e.StartedAt < period.End));
        }

        return episodes;
    }

    /// <summary>The episodes of <paramref name="filter"/> projected from the raw rows alone, as the reports were before days were stored.</summary>
    public async Task<IReadOnlyList<Episode>> EpisodesAsync(ReportFilter filter, CancellationToken cancellationToken) =>
        Order(Keep(filter, await ProjectAsync(filter.From, filter.To, cancellationToken)));

    /// <summary>The episodes of <paramref name="episodes"/> that pass <paramref name="filter"/>, the working-hours switch included.</summary>
    public IEnumerable<Episode> Keep(ReportFilter filter, IEnumerable<Episode> episodes) =>
        episodes.Where(e => filter.Matches(e) && (!filter.WorkingHoursOnly || InWorkingHours(e)));

    /// <summary>The reports' order: by start, then by id, so stored and live episodes list alike.</summary>
    public static List<Episode> Order(IEnumerable<Episode> episodes) => [.. episodes.OrderBy(e => e.StartedAt).ThenBy(e => e.Id)];

    private bool InWorkingHours(Episode episode) =>
        availability.FindDepartment(episode.DepartmentId) is { } department && availability.WasOpen(department, episode.StartedAt);
}
