using System.Text;

namespace Xiaoshen.Knowledge.Analysis;

/// <summary>
/// Splits a question into the clauses that rule something out and the clauses that carry the ask:
/// "不是居住证那个，是居住登记" (不是 X), "居住证已经办好了，现在想申请积分" (X 已经…了), "我是有限公司不是个体户"
/// (a trailing 不是 X), "不要港澳通行证，我要办护照" (不要 X). A clause that itself asks something (吗, 怎么, 能不能…) is a
/// condition, not a rule-out: "不是上海户口能办居住证吗" is one ask. Stateless and thread-safe.
/// </summary>
internal static class ContrastParser
{
    private static readonly char[] ClauseBreaks = ['，', ',', '。', '.', '；', ';', '！', '!', '？', '?', '、', ' ', '\n'];

    // Connectives that start a new clause even without punctuation.
    private static readonly string[] Connectives = ["而是", "但是", "不过", "现在", "可是"];

    // Longest first, so 不想办 wins over 不想.
    private static readonly string[] Negations = ["不是要", "不想办", "不是", "不要", "不办", "不问", "并非"];

    private static readonly string[] CompletionStarts = ["已经", "早就", "已"];

    // What was done, not what the person is (我已经退休了 states a condition and rules nothing out).
    private static readonly string[] CompletionEnds =
    [
        "办好了", "办完了", "办过了", "办理了", "办理过了", "弄好了", "弄完了", "做完了", "搞定了", "领过了", "领好了", "领了",
        "拿到了", "提取过了", "提取了", "提过了", "交过了", "申请过了", "申请好了", "报销过了", "备案过了", "办了",
    ];

    // Said without 已经 these still mean done: 身份证办好了，现在要给孩子报户口.
    private const int BareCompletionLength = 3;

    private static readonly string[] QuestionMarkers =
        ["吗", "么", "嘛", "呢", "怎", "如何", "哪", "什么", "啥", "多少", "多久", "几", "能不能", "可不可以", "要不要", "是否", "咋", "为何", "为什么"];

    // Words around the ruled-out thing that do not name it.
    private static readonly string[] Fillers = ["那个", "这个", "那种", "的那个", "的", "啊", "呀", "哦", "啦", "了", "我", "是", "要", "办"];

    /// <summary>The clauses that rule things out and the rest; <see cref="Contrast.None"/> when nothing is ruled out.</summary>
    public static Contrast Parse(string normalized)
    {
        if (normalized.Length == 0 || !(Negations.Any(n => normalized.Contains(n, StringComparison.Ordinal))
            || CompletionEnds.Any(e => normalized.Contains(e, StringComparison.Ordinal))))
        {
            return Contrast.None;
        }

        var ruledOut = new List<string>();
        var asking = new StringBuilder();
        var situation = new StringBuilder();
        foreach (var clause in Clauses(normalized))
        {
            if (RuledOut(clause) is { } ruled)
            {
                ruledOut.Add(ruled.Thing);
                Append(asking, Opening(ruled.Remainder));
                Append(situation, Opening(ruled.Negated ? ruled.Remainder : clause));
            }
            else
            {
                Append(asking, Opening(clause));
                Append(situation, Opening(clause));
            }
        }

        return ruledOut.Count == 0 ? Contrast.None : new Contrast(ruledOut, asking.ToString(), situation.ToString());
    }

    private static (string Thing, string Remainder, bool Negated)? RuledOut(string clause)
    {
        foreach (var negation in Negations)
        {
            var at = clause.IndexOf(negation, StringComparison.Ordinal);

            // 要不要准迁证, 是不是要先登记: the verb, then its negation, asks a yes-or-no question and rules nothing out.
            if (at < 0 || (at > 0 && clause[at - 1] == negation[1]))
            {
                continue;
            }

            var thing = Trim(clause[(at + negation.Length)..]);
            return thing.Length >= 2 && !AsksSomething(clause[at..]) ? (thing, clause[..at], true) : null;
        }

        if (AsksSomething(clause))
        {
            return null;
        }

        foreach (var start in CompletionStarts.Append(string.Empty))
        {
            var at = start.Length == 0 ? clause.Length : clause.IndexOf(start, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            if (start.Length == 0)
            {
                var bare = CompletionEnds.FirstOrDefault(e => e.Length >= BareCompletionLength && clause.EndsWith(e, StringComparison.Ordinal));
                var done = bare is null ? string.Empty : Trim(clause[..^bare.Length]);
                return done.Length >= 2 ? (done, string.Empty, false) : null;
            }

            var tail = clause[(at + start.Length)..];
            var end = CompletionEnds.FirstOrDefault(e => tail.EndsWith(e, StringComparison.Ordinal));
            if (end is null)
            {
                continue;
            }

            // 居住证已经办好了 → 居住证; 公积金已经提取过了 → 公积金.
            var thing = Trim(clause[..at] + tail[..^end.Length]);
            return thing.Length >= 2 ? (thing, string.Empty, false) : null;
        }

        return null;
    }

    private static bool AsksSomething(string text) => QuestionMarkers.Any(m => text.Contains(m, StringComparison.Ordinal));

    private static IEnumerable<string> Clauses(string text)
    {
        foreach (var piece in text.Split(ClauseBreaks, StringSplitOptions.RemoveEmptyEntries))
        {
            var start = 0;
            for (var i = 1; i < piece.Length; i++)
            {
                if (Connectives.Any(c => string.CompareOrdinal(piece, i, c, 0, c.Length) == 0))
                {
                    yield return piece[start..i];
                    start = i;
                }
            }

            yield return piece[start..];
        }
    }

    private static string Trim(string thing)
    {
        var changed = true;
        while (changed && thing.Length > 0)
        {
            changed = false;
            foreach (var filler in Fillers)
            {
                if (thing.Length > filler.Length && thing.EndsWith(filler, StringComparison.Ordinal))
                {
                    thing = thing[..^filler.Length];
                    changed = true;
                }
                else if (thing.Length > filler.Length && thing.StartsWith(filler, StringComparison.Ordinal))
                {
                    thing = thing[filler.Length..];
                    changed = true;
                }
            }
        }

        return thing;
    }

    // An asking clause without the words it opens with that name nothing (是居住登记 → 居住登记: the 是 answers the 不是
    // before it); a clause of such words only (我 of 我不是要办护照) says nothing and goes.
    private static string Opening(string clause)
    {
        while (Fillers.FirstOrDefault(f => clause.StartsWith(f, StringComparison.Ordinal)) is { } filler)
        {
            clause = clause[filler.Length..];
        }

        return clause;
    }

    private static void Append(StringBuilder builder, string clause)
    {
        if (clause.Length > 0)
        {
            builder.Append(builder.Length > 0 ? "，" : string.Empty).Append(clause);
        }
    }
}

/// <summary>What a question rules out and what it asks.</summary>
/// <param name="RuledOut">The things ruled out (居住证, 个体户); empty when nothing is.</param>
/// <param name="Asking">The question without the ruling-out clauses.</param>
/// <param name="Situation">The question without what it negates (不是护照, 不要港澳通行证) but with what is done already
/// (公司执照拿到了): a thing done is the person's situation, which can choose the paragraph (the FAQ for someone already
/// unemployed), while a thing negated is not what they ask about.</param>
internal sealed record Contrast(IReadOnlyList<string> RuledOut, string Asking, string Situation)
{
    public static Contrast None { get; } = new([], string.Empty, string.Empty);

    public bool IsEmpty => RuledOut.Count == 0;
}
