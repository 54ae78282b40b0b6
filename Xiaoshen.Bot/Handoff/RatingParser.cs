using Xiaoshen.Bot.Conversations;

namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// Reads a rating as the person sends it: the word of a level (the button's text, or a WeChat number already turned into
/// it), optionally followed by a comment ("不满意 等太久了"). Pure.
/// </summary>
public static class RatingParser
{
    private static readonly char[] Separators = [' ', '，', ',', '。', '：', ':', '！', '!', '；', ';'];

    /// <summary>The rating and the comment (masked), or a null rating when the text is not one.</summary>
    /// <param name="words">The levels' words in the order of <see cref="RatingLevels.Offered"/>.</param>
    public static (ServiceRating? Rating, string? Comment) Parse(string text, IReadOnlyList<string> words)
    {
        var trimmed = text.Trim();

        // 非常不满意, 不满意 and 基本满意 all end with 满意: try the longest word first.
        foreach (var (word, index) in words.Select((w, i) => (w, i)).OrderByDescending(r => r.w.Length))
        {
            if (trimmed.StartsWith(word, StringComparison.Ordinal))
            {
                var comment = trimmed[word.Length..].Trim(Separators);
                return (RatingLevels.Offered[index], comment.Length == 0 ? null : PersonalData.Mask(comment));
            }
        }

        return (null, null);
    }
}
