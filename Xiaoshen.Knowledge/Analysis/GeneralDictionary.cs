using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;

namespace Xiaoshen.Knowledge.Analysis;

/// <summary>
/// The words of general Chinese, from jieba's word list with inverse document frequencies (idf.txt of jieba.NET 0.42.2,
/// MIT; one "word idf" per line): the Chinese words of two to four characters that enough documents use, which is what the
/// typo corrector compares windows with. Loaded once per process on first use and shared by every build; thread-safe.
/// </summary>
internal static class GeneralDictionary
{
    private const string Resource = "Xiaoshen.Knowledge.Analysis.jieba-idf.txt";

    // Words rarer than this are mostly typos themselves (注消 13.9, 正明 11.95: a handful of documents), while the real words
    // the content does not use are commoner (卖房 10.07, 网店 9.38, 实务 10.50, 月底 6.38).
    private const double MaxIdf = 11.0;

    private static readonly Lazy<FrozenSet<string>> Loaded = new(Load);

    /// <summary>Words of two to four Chinese characters.</summary>
    public static FrozenSet<string> Words => Loaded.Value;

    private static FrozenSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"Embedded resource {Resource} is missing.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space is >= 2 and <= 4
                && double.TryParse(line.AsSpan(space + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var idf)
                && idf <= MaxIdf
                && !line.AsSpan(0, space).ContainsAnyExceptInRange('\u4e00', '\u9fff'))
            {
                words.Add(line[..space]);
            }
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
