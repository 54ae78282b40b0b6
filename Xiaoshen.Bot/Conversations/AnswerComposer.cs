using System.Globalization;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Channels;
using Xiaoshen.Bot.Conversations.Generative;
using Xiaoshen.Knowledge.Content;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Bot.Conversations;

/// <summary>
/// Turns an answer decision into messages: the FAQ answer, the asked section, or the matter's overview (what it is, who
/// may apply, how; composed by the LLM from the retrieved passages when one is configured, extractive otherwise), where it
/// comes from, where to apply online (a button to the matter's own page, or the 随申办 search path when no page is known),
/// 2–3 follow-ups (the sections, after an overview) and 有帮助 / 没帮助. Markdown for channels that render it, plain text
/// otherwise; long answers are split.
/// </summary>
public sealed class AnswerComposer(IOptionsMonitor<ConversationMessages> messages, GenerativeAnswerer generative)
{
    private const int MaxFollowUps = 3;

    private static readonly SectionKind[] SuggestedSections =
        [SectionKind.Materials, SectionKind.TimeLimit, SectionKind.Channels, SectionKind.Fees, SectionKind.Conditions, SectionKind.Process];

    // The overview shows who may apply and how; these are offered as buttons under it.
    private static readonly SectionKind[] OverviewSections = [SectionKind.Materials, SectionKind.TimeLimit, SectionKind.Fees, SectionKind.Channels];

    public async Task<IReadOnlyList<OutboundReply>> ComposeAsync(
        string question, KnowledgeAnswer answer, KnowledgeBase knowledge, bool markdown, CancellationToken cancellationToken)
    {
        var m = messages.CurrentValue;
        var matter = answer.Matter ?? throw new ArgumentException("An answer needs a matter.", nameof(answer));
        string text;
        if (answer.Unstated is { } unstated)
        {
            text = Join(ConversationMessages.Fill(m.Unstated, ("Matter", matter.Name), ("Thing", unstated)), EntryLine(matter, m));
        }
        else if (answer.IsOverview)
        {
            text = Join($"**{matter.Name}**", matter.Summary, Part(m.OverviewWho, matter, SectionKind.Conditions), Part(m.OverviewHow, matter, SectionKind.Process), EntryLine(matter, m), Source(matter, m));
        }
        else
        {
            var (heading, body) = answer.Faq is { } faq
                ? (faq.Question, faq.Answer)
                : answer.Section is { } section ? (section.Title, section.Markdown) : (matter.Name, matter.Faqs.FirstOrDefault()?.Answer ?? string.Empty);
            body = await generative.TryComposeAsync(question, answer, cancellationToken) ?? body;
            text = Join($"**{matter.Name}** · {heading}", body, EntryLine(matter, m), Source(matter, m));
        }

        if (!markdown)
        {
            text = Markdig.Markdown.ToPlainText(text).Trim();
        }

        var chunks = Split(text, m.MaxReplyLength);
        var buttons = matter.Entry?.ServicePage is { } url ? [new ReplyAction(m.EntryButton, ReplyActionKind.OpenUrl, url)] : Array.Empty<ReplyAction>();
        var followUps = answer.IsOverview || answer.Unstated is not null
            ? OverviewSections.Where(matter.Sections.ContainsKey).Select(k => new ReplyAction(SectionTitles.TitleOf(k), ReplyActionKind.SendText, SectionTitles.TitleOf(k)))
            : FollowUps(matter, answer.Faq, answer.Section?.Kind, knowledge);
        var suggestions = followUps
            .Append(new ReplyAction(m.Helpful, ReplyActionKind.SendText, m.Helpful))
            .Append(new ReplyAction(m.NotHelpful, ReplyActionKind.SendText, m.NotHelpful))
            .ToList();

        return chunks.Select((chunk, i) => i < chunks.Count - 1
            ? new OutboundReply(chunk) { IsMarkdown = markdown }
            : new OutboundReply(chunk) { IsMarkdown = markdown, Buttons = buttons, SuggestedActions = suggestions }).ToList();
    }

    /// <summary>
    /// Where to apply online, in words, when there is no page of the matter's own to link (issue 12, item 9): the search
    /// words on 随申办 / 一网通办, or the editor's path. Null when the matter has its own page (the button) or no entry.
    /// </summary>
    public static string? EntryLine(Matter matter, ConversationMessages m) => matter.Entry switch
    {
        null or { ServicePage: not null } => null,
        { Search: { } search } => ConversationMessages.Fill(m.EntryPath, ("Path", ConversationMessages.Fill(m.EntrySearch, ("Search", search)))),
        var entry => ConversationMessages.Fill(m.EntryPath, ("Path", entry.Name)),
    };

    private static string Source(Matter matter, ConversationMessages m) => ConversationMessages.Fill(
        m.AnswerSource,
        ("Department", matter.Department),
        ("Updated", matter.Updated?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

    private static string? Part(string heading, Matter matter, SectionKind kind) =>
        matter.Sections.TryGetValue(kind, out var section) ? $"{heading}\n{section.Markdown}" : null;

    private static string Join(params string?[] paragraphs) => string.Join("\n\n", paragraphs.Where(p => !string.IsNullOrWhiteSpace(p)));

    /// <summary>
    /// The editor's follow-ups (相关) first, then sections of the same matter not just shown. Every suggestion sends text
    /// that Xiaoshen answers on its own (an FAQ question, a matter name, or a section name for the current matter).
    /// </summary>
    public static IEnumerable<ReplyAction> FollowUps(Matter matter, Faq? faq, SectionKind? shown, KnowledgeBase knowledge)
    {
        var suggestions = new List<string>();
        foreach (var reference in faq?.FollowUps ?? [])
        {
            var text = reference.Contains('#', StringComparison.Ordinal)
                ? knowledge.FindFaq(reference)?.Question
                : knowledge.Matters.TryGetValue(reference, out var other) ? other.Name : null;
            if (text is not null && !suggestions.Contains(text))
            {
                suggestions.Add(text);
            }
        }

        suggestions.AddRange(SuggestedSections.Where(s => s != shown && matter.Sections.ContainsKey(s)).Select(SectionTitles.TitleOf));
        return suggestions.Take(MaxFollowUps).Select(s => new ReplyAction(s, ReplyActionKind.SendText, s));
    }

    /// <summary>Splits at paragraph, then line, then sentence boundaries so no message exceeds <paramref name="max"/> characters.</summary>
    public static List<string> Split(string text, int max)
    {
        var chunks = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var piece in Pieces(text, max))
        {
            if (current.Length > 0 && current.Length + piece.Length > max)
            {
                chunks.Add(current.ToString().Trim());
                current.Clear();
            }

            current.Append(piece);
        }

        if (current.Length > 0)
        {
            chunks.Add(current.ToString().Trim());
        }

        return chunks.Where(c => c.Length > 0).ToList();
    }

    private static IEnumerable<string> Pieces(string text, int max)
    {
        foreach (var paragraph in text.Split("\n\n"))
        {
            if (paragraph.Length + 2 <= max)
            {
                yield return paragraph + "\n\n";
                continue;
            }

            foreach (var line in paragraph.Split('\n'))
            {
                if (line.Length + 1 <= max)
                {
                    yield return line + "\n";
                    continue;
                }

                // A very long line: cut after sentence ends, and hard-cut anything still too long.
                foreach (var sentence in SplitSentences(line))
                {
                    for (var i = 0; i < sentence.Length; i += max)
                    {
                        yield return sentence.Substring(i, Math.Min(max, sentence.Length - i));
                    }
                }
            }
        }
    }

    private static IEnumerable<string> SplitSentences(string line)
    {
        var start = 0;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] is '。' or '；' or '！' or '？' or '.' or ';')
            {
                yield return line[start..(i + 1)];
                start = i + 1;
            }
        }

        if (start < line.Length)
        {
            yield return line[start..];
        }
    }
}
