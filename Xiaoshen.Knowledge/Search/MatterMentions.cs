using Xiaoshen.Knowledge.Analysis;
using Xiaoshen.Knowledge.Content;

namespace Xiaoshen.Knowledge.Search;

/// <summary>
/// Finds where a question names a matter by one of its names or aliases (居住证积分 names the points matter, even though
/// 居住证 inside it names the permit). Longer phrases win over the shorter ones they contain. Immutable and thread-safe.
/// </summary>
internal sealed class MatterMentions
{
    // One- and two-character aliases (社保, 护照) are kept: the longest-phrase rule resolves overlaps.
    private const int MinPhraseLength = 2;

    private readonly (string Phrase, string MatterId)[] _phrases;
    private readonly string[] _cueNames;
    private readonly Dictionary<string, HashSet<string>> _nameWords = new(StringComparer.Ordinal);

    public MatterMentions(KnowledgeBase knowledge, TextPreparer preparer, IntentRecognizer intents)
    {
        var phrases = new List<(string, string)>();
        foreach (var matter in knowledge.Matters.Values)
        {
            var names = NamesOf(matter).Select(preparer.Prepare).ToList();
            foreach (var phrase in names.Select(p => p.Rewritten).Where(p => p.Length >= MinPhraseLength).Distinct(StringComparer.Ordinal))
            {
                phrases.Add((phrase, matter.Id));
            }

            _nameWords[matter.Id] = names.SelectMany(p => p.Words).Where(w => w.Length >= MinPhraseLength).ToHashSet(StringComparer.Ordinal);
        }

        _phrases = phrases.OrderByDescending(p => p.Item1.Length).ToArray();
        _cueNames = knowledge.Matters.Values.SelectMany(NamesOf).Select(TextNormalizer.Normalize)
            .Where(p => p.Length >= MinPhraseLength && intents.AskedSection(p) is not null)
            .Distinct(StringComparer.Ordinal).OrderByDescending(p => p.Length).ToArray();
    }

    /// <summary>
    /// The normalised text with the names and aliases that contain a section cue blanked out (提取住房公积金支付房屋租赁费用
    /// contains 费用), so those cues are not read as the question's ask.
    /// </summary>
    public string MaskCueNames(string normalized) =>
        _cueNames.Aggregate(normalized, (text, phrase) => text.Replace(phrase, " ", StringComparison.Ordinal));

    /// <summary>The official name, and the name without its bracketed part (上海市居住证办理).</summary>
    public static IEnumerable<string> OfficialNames(Matter matter)
    {
        yield return matter.Name;
        var bracket = matter.Name.IndexOfAny(['（', '(']);
        if (bracket > 0)
        {
            yield return matter.Name[..bracket];
        }
    }

    /// <summary>True when <paramref name="word"/> (of two characters or more) is a word of the matter's names or aliases.</summary>
    public bool NameUses(string matterId, string word) => _nameWords.TryGetValue(matterId, out var words) && words.Contains(word);

    /// <summary>The official names and the aliases, as the editor wrote them.</summary>
    public static IEnumerable<string> NamesOf(Matter matter) => OfficialNames(matter).Concat(matter.Aliases);

    /// <summary>
    /// The matter the question names, by its longest phrase; null when it names none, or when two matters share the
    /// longest phrase (社保 could be several).
    /// </summary>
    public string? NamedMatter(PreparedText question) => Named(question.Rewritten).MatterId;

    /// <summary>
    /// The matter <paramref name="rewritten"/> names (see <see cref="NamedMatter"/>), with its mentions there as written
    /// (开发票 of 滴滴打车怎么开发票); no mentions when it names none.
    /// </summary>
    public (string? MatterId, List<string> Mentions) Named(string rewritten)
    {
        var found = Find(rewritten);
        if (found.Count == 0)
        {
            return (null, []);
        }

        var longest = found.Max(m => m.Length);
        var matters = found.Where(m => m.Length == longest).Select(m => m.MatterId).Distinct(StringComparer.Ordinal).ToList();
        return matters.Count == 1
            ? (matters[0], [.. found.Where(m => m.MatterId == matters[0]).Select(m => rewritten.Substring(m.Start, m.Length))])
            : (null, []);
    }

    /// <summary>The text with every mention of <paramref name="matterId"/> taken out (外国人能办吗 → 能办吗, 高龄补贴怎么办理 → 怎么办理).</summary>
    public string WithoutMentionsOf(string rewritten, string matterId) =>
        Find(rewritten).Where(m => m.MatterId == matterId).OrderByDescending(m => m.Start)
            .Aggregate(rewritten, (text, m) => text.Remove(m.Start, m.Length));

    /// <summary>Non-overlapping mentions in <paramref name="rewritten"/>, longest phrases claimed first.</summary>
    public List<(string MatterId, int Start, int Length)> Find(string rewritten)
    {
        var found = new List<(string MatterId, int Start, int Length)>();
        var claimed = new bool[rewritten.Length];
        foreach (var (phrase, matterId) in _phrases)
        {
            for (var start = rewritten.IndexOf(phrase, StringComparison.Ordinal); start >= 0; start = rewritten.IndexOf(phrase, start + 1, StringComparison.Ordinal))
            {
                if (Array.IndexOf(claimed, true, start, phrase.Length) >= 0)
                {
                    continue;
                }

                Array.Fill(claimed, true, start, phrase.Length);
                found.Add((matterId, start, phrase.Length));
            }
        }

        return found;
    }
}
