using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Bot.KnowledgeAdmin;

/// <summary>
/// The questions 小申 did not settle, for editors: the person's turn before a fallback or a clarify question, before an
/// answer rated 没帮助, and the last question asked before a handoff. They are grouped by the matter the serving build
/// finds closest and then by similar wording (<see cref="WordingGroups"/>), with counts and the last time seen. A
/// question covered by an editor's edit is left out unless it was asked again after the edit. Texts are the stored
/// ones, masked of personal numbers.
/// </summary>
internal sealed class UnansweredQuestions(
    IServiceScopeFactory scopes, KnowledgeSearch search, TimeProvider timeProvider, IOptions<KnowledgeAdminOptions> options)
{
    public const string Fallback = "fallback";
    public const string Clarify = "clarify";
    public const string Unhelpful = "unhelpful";
    public const string Handoff = "handoff";

    private static readonly string[] Settled = ["answer", Clarify, Fallback];

    public async Task<IReadOnlyList<UnansweredGroup>> GroupsAsync(CancellationToken cancellationToken)
    {
        var asked = await QuestionsAsync(cancellationToken);
        var groups = new List<UnansweredGroup>();
        var byMatter = new List<(string? MatterId, string? MatterName, Asked Question)>();
        foreach (var question in asked)
        {
            var (matterId, matterName) = await ClosestAsync(question.Text, cancellationToken);
            byMatter.Add((matterId, matterName, question));
        }

        foreach (var matter in byMatter.GroupBy(q => q.MatterId ?? string.Empty, StringComparer.Ordinal))
        {
            var texts = matter.GroupBy(q => q.Question.Text, StringComparer.Ordinal)
                .Select(t => new UnansweredText(t.Key, t.Count(), t.Max(q => q.Question.At), t.Select(q => q.Question.Why).Distinct().ToList()))
                .OrderByDescending(t => t.Count).ThenByDescending(t => t.LastSeen)
                .ToList();
            foreach (var similar in WordingGroups.Group(texts, t => t.Text))
            {
                groups.Add(new UnansweredGroup(
                    matter.First().MatterId,
                    matter.First().MatterName,
                    similar[0].Text,
                    similar.Sum(t => t.Count),
                    similar.Max(t => t.LastSeen),
                    similar,
                    similar.SelectMany(t => t.Reasons).Distinct().Order(StringComparer.Ordinal).ToList()));
            }
        }

        return groups.OrderByDescending(g => g.Count).ThenByDescending(g => g.LastSeen).ToList();
    }

    private async Task<(string? MatterId, string? MatterName)> ClosestAsync(string text, CancellationToken cancellationToken)
    {
        if (!search.IsReady)
        {
            return (null, null);
        }

        var hits = await search.SearchAsync(text, new SearchRequest { Top = 1 }, cancellationToken);
        return hits.Count > 0 ? (hits[0].MatterId, hits[0].MatterName) : (null, null);
    }

    private async Task<List<Asked>> QuestionsAsync(CancellationToken cancellationToken)
    {
        var since = timeProvider.GetUtcNow().AddDays(-options.Value.UnansweredDays);
        var limit = options.Value.MaxUnanswered;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();

        var missed = await db.Turns.AsNoTracking()
            .Where(t => t.Role == TurnRole.Bot && t.At >= since && (t.Decision == Fallback || t.Decision == Clarify))
            .OrderByDescending(t => t.At).Take(limit)
            .Select(t => new { t.ConversationId, t.Sequence, t.Decision })
            .ToListAsync(cancellationToken);
        var unhelpfulTurns = await db.Feedback.AsNoTracking()
            .Where(f => !f.Helpful && f.At >= since)
            .OrderByDescending(f => f.At).Take(limit)
            .Select(f => f.TurnId)
            .ToListAsync(cancellationToken);
        var unhelpful = await db.Turns.AsNoTracking()
            .Where(t => unhelpfulTurns.Contains(t.Id))
            .Select(t => new { t.ConversationId, t.Sequence })
            .ToListAsync(cancellationToken);
        var handoffs = await db.HandoffSessions.AsNoTracking()
            .Where(s => s.QueuedAt >= since)
            .OrderByDescending(s => s.QueuedAt).Take(limit)
            .Select(s => new { s.ConversationId, s.QueuedAt })
            .ToListAsync(cancellationToken);

        var conversations = missed.Select(m => m.ConversationId)
            .Concat(unhelpful.Select(u => u.ConversationId))
            .Concat(handoffs.Select(h => h.ConversationId))
            .ToHashSet();
        var turns = (await db.Turns.AsNoTracking()
                .Where(t => conversations.Contains(t.ConversationId) && (t.Role == TurnRole.User || t.Role == TurnRole.Bot))
                .Select(t => new { t.ConversationId, t.Sequence, t.Role, t.At, t.Text, t.Decision })
                .ToListAsync(cancellationToken))
            .GroupBy(t => t.ConversationId)
            .ToDictionary(g => g.Key, g => g.OrderBy(t => t.Sequence).Select(t => new StoredTurn(t.Sequence, t.Role, t.At, t.Text, t.Decision)).ToList());

        var asked = new List<Asked>();
        foreach (var miss in missed)
        {
            Add(miss.ConversationId, miss.Sequence, miss.Decision!);
        }

        foreach (var answer in unhelpful)
        {
            Add(answer.ConversationId, answer.Sequence, Unhelpful);
        }

        // The question a handoff left open is the last one Xiaoshen tried to settle before the person was queued
        // (the 转人工 turn itself says nothing about the content).
        foreach (var handoff in handoffs)
        {
            if (turns.TryGetValue(handoff.ConversationId, out var list)
                && list.LastOrDefault(t => t.Role == TurnRole.Bot && t.At <= handoff.QueuedAt && Settled.Contains(t.Decision)) is { } tried)
            {
                Add(handoff.ConversationId, tried.Sequence, Handoff);
            }
        }

        var edits = await db.ContentEdits.AsNoTracking()
            .Where(e => e.At >= since && (e.Outcome == ContentEdit.WrittenOutcome || e.Outcome == ContentEdit.IgnoredOutcome))
            .Select(e => new { e.At, e.Covers })
            .ToListAsync(cancellationToken);
        var handled = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var edit in edits)
        {
            foreach (var text in edit.Covers.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                handled[text] = handled.TryGetValue(text, out var at) && at > edit.At ? at : edit.At;
            }
        }

        // One occurrence per bot turn, even when it was both a fallback and rated 没帮助.
        return asked
            .Where(a => !(handled.TryGetValue(a.Text, out var at) && a.At <= at))
            .DistinctBy(a => (a.ConversationId, a.Sequence, a.Why))
            .ToList();

        void Add(Guid conversationId, int botSequence, string why)
        {
            if (turns.TryGetValue(conversationId, out var list)
                && list.LastOrDefault(t => t.Sequence < botSequence && t.Role == TurnRole.User) is { } question
                && !string.IsNullOrWhiteSpace(question.Text))
            {
                asked.Add(new Asked(conversationId, question.Sequence, question.At, question.Text.Trim(), why));
            }
        }
    }

    private sealed record StoredTurn(int Sequence, TurnRole Role, DateTimeOffset At, string Text, string? Decision);

    private sealed record Asked(Guid ConversationId, int Sequence, DateTimeOffset At, string Text, string Why);
}

/// <summary>One wording of an unanswered question, how often it was asked and why it counts (fallback, clarify, unhelpful, handoff).</summary>
internal sealed record UnansweredText(string Text, int Count, DateTimeOffset LastSeen, IReadOnlyList<string> Reasons);

/// <summary>Similar unanswered questions closest to one matter (none when the build finds no matter at all).</summary>
internal sealed record UnansweredGroup(
    string? MatterId, string? MatterName, string Wording, int Count, DateTimeOffset LastSeen, IReadOnlyList<UnansweredText> Texts, IReadOnlyList<string> Reasons)
{
    /// <summary>A stable key for the page: the matter and the most asked wording.</summary>
    public string Key => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes((MatterId ?? "-") + "\n" + Wording)))[..12];
}
