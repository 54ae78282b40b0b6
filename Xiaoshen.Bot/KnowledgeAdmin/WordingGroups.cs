namespace Xiaoshen.Bot.KnowledgeAdmin;

/// <summary>
/// Groups question texts by similar wording: two texts are similar when their sets of character bigrams (letters and
/// digits only, lower-cased) overlap by at least <see cref="Threshold"/> (Jaccard), and a text joins the first group
/// holding a text similar to it. Chinese has no spaces, so shared bigrams are what two phrasings of one question share
/// (社保卡丢了怎么办 / 社保卡丢了咋办: 5 of 8). Pure and deterministic for a given order.
/// </summary>
internal static class WordingGroups
{
    public const double Threshold = 0.4;

    public static List<List<T>> Group<T>(IEnumerable<T> items, Func<T, string> text)
    {
        var groups = new List<(List<T> Items, List<HashSet<string>> Grams)>();
        foreach (var item in items)
        {
            var grams = Bigrams(text(item));
            var home = groups.FindIndex(g => g.Grams.Exists(other => Similarity(grams, other) >= Threshold));
            if (home < 0)
            {
                groups.Add(([item], [grams]));
            }
            else
            {
                groups[home].Items.Add(item);
                groups[home].Grams.Add(grams);
            }
        }

        return groups.Select(g => g.Items).ToList();
    }

    public static double Similarity(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    public static HashSet<string> Bigrams(string text)
    {
        var letters = text.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray();
        var grams = new HashSet<string>(StringComparer.Ordinal);
        if (letters.Length == 1)
        {
            grams.Add(letters[0].ToString());
        }

        for (var i = 0; i + 1 < letters.Length; i++)
        {
            grams.Add(new string(letters, i, 2));
        }

        return grams;
    }
}
