using Xiaoshen.Knowledge.Analysis;
using Xiaoshen.Knowledge.Content;

namespace Xiaoshen.Knowledge.Search;

/// <summary>
/// Recognises, beside search: a request for a human, chit-chat, and the section a question asks about, from the editors'
/// <c>chitchat.yaml</c>. Immutable and thread-safe.
/// </summary>
internal sealed class IntentRecognizer
{
    // Chit-chat is short; a long message that happens to contain 你好 is a real question.
    private const int MaxChitchatLength = 16;
    private const double ChitchatSimilarity = 0.6;

    private readonly string[] _humanPhrases;
    private readonly (string Cue, SectionKind Section)[] _sectionCues;
    private readonly (string Example, ChitchatIntent Intent)[] _chitchat;
    private readonly HashSet<string> _cueWords;

    public IntentRecognizer(ConversationLexicon lexicon, TextPreparer preparer)
    {
        _humanPhrases = lexicon.HumanPhrases.Select(TextNormalizer.Normalize).Where(p => p.Length > 0).ToArray();
        _sectionCues = lexicon.SectionCues
            .SelectMany(s => s.Value.Select(c => (Cue: TextNormalizer.Normalize(c), Section: s.Key)))
            .Where(c => c.Cue.Length > 0)
            .OrderByDescending(c => c.Cue.Length)
            .ToArray();
        _chitchat = lexicon.Intents
            .SelectMany(i => i.Examples.Select(e => (Example: Compact(TextNormalizer.Normalize(e)), Intent: i)))
            .Where(e => e.Example.Length > 0)
            .ToArray();
        _cueWords = _sectionCues.SelectMany(c => preparer.Prepare(c.Cue).Words).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>True when the person asks for a human agent.</summary>
    public bool IsHumanRequest(string normalized) =>
        _humanPhrases.Any(p => normalized.Contains(p, StringComparison.Ordinal));

    /// <summary>The section asked about, by the longest cue found; null when none.</summary>
    public SectionKind? AskedSection(string normalized)
    {
        foreach (var (cue, section) in _sectionCues)
        {
            if (normalized.Contains(cue, StringComparison.Ordinal))
            {
                return section;
            }
        }

        return null;
    }

    /// <summary>True when the question has no topic beyond section cue words (那要带什么材料, 多久能好).</summary>
    public bool IsBareFollowUp(PreparedText question) =>
        question.Words.All(w => _cueWords.Contains(w) || w.Length == 1);

    /// <summary>The chit-chat intent and how close the message is to its nearest example (1 = identical).</summary>
    public (ChitchatIntent? Intent, double Similarity) Chitchat(string normalized)
    {
        var text = Compact(normalized);
        if (text.Length == 0 || text.Length > MaxChitchatLength)
        {
            return (null, 0);
        }

        ChitchatIntent? best = null;
        var bestScore = 0.0;
        foreach (var (example, intent) in _chitchat)
        {
            var score = example == text ? 1.0 : Dice(example, text);
            if (score > bestScore)
            {
                (best, bestScore) = (intent, score);
            }
        }

        return bestScore >= ChitchatSimilarity ? (best, bestScore) : (null, bestScore);
    }

    // Punctuation and spaces do not change what small talk means.
    private static string Compact(string text) =>
        new(text.Where(char.IsLetterOrDigit).ToArray());

    private static double Dice(string a, string b)
    {
        var x = CharacterBigrams(a);
        var y = CharacterBigrams(b);
        if (x.Count == 0 || y.Count == 0)
        {
            return 0;
        }

        var shared = x.Count(y.Contains);
        return 2.0 * shared / (x.Count + y.Count);
    }

    private static HashSet<string> CharacterBigrams(string text)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (text.Length == 1)
        {
            set.Add(text);
        }

        for (var i = 0; i + 1 < text.Length; i++)
        {
            set.Add(text.Substring(i, 2));
        }

        return set;
    }
}
