using System.Text;

namespace Xiaoshen.Bot.Conversations;

/// <summary>
/// Which of the options just shown a reply picks by its place: 2, ２, 第二个, 第2项, 二, 选第二个吧, 最后一个. A person on a
/// phone types the place as often as they tap the button (第二个 after “您想问的是：” was searched as a question and fell
/// back). Stateless.
/// </summary>
public static class ChoiceNumber
{
    // Words before the place that only say "I choose" (选第二个, 我要第一个, 就第三个吧).
    private static readonly string[] Choosing = ["我选择", "我选", "选择", "我要", "就选", "选", "要", "就", "是"];

    // Particles that end a reply (第二个吧).
    private static readonly string[] Particles = ["吧", "呀", "啊", "哦"];

    // Words after the place that only close the reply (第二个吧, 2号, 第一条).
    private static readonly string[] Closing = [.. Particles, "个", "项", "条", "种", "号", "的", "那个"];

    private static readonly string[] Last = ["最后一个", "最后那个", "最后一项", "最后一条", "最后"];

    private const string Numerals = "一二三四五六七八九";

    /// <summary>
    /// The 1-based place among <paramref name="count"/> options that <paramref name="text"/> picks, or null when it is not a
    /// place (第二类医疗器械 is a question, not a choice) or is out of range.
    /// </summary>
    public static int? Parse(string? text, int count)
    {
        if (string.IsNullOrWhiteSpace(text) || count < 1)
        {
            return null;
        }

        var reply = Trim(text.Normalize(NormalizationForm.FormKC));
        reply = Choosing.FirstOrDefault(c => reply.StartsWith(c, StringComparison.Ordinal) && reply.Length > c.Length) is { } choosing ? reply[choosing.Length..] : reply;
        if (Last.Contains(Trim(reply, Particles)))
        {
            return count;
        }

        var place = Trim(reply, Closing);
        if (place.StartsWith('第'))
        {
            place = place[1..];
        }

        var n = Number(place);
        return n is >= 1 && n <= count ? n : null;
    }

    // Half- or full-width digits (FormKC folds the latter), or one Chinese numeral (两 is 二; 十 alone is 10).
    private static int? Number(string place)
    {
        if (place.Length is > 0 and <= 2 && place.All(char.IsAsciiDigit))
        {
            return int.Parse(place, System.Globalization.CultureInfo.InvariantCulture);
        }

        return place switch
        {
            "两" => 2,
            "十" => 10,
            [var c] when Numerals.IndexOf(c) is >= 0 and var i => i + 1,
            _ => null,
        };
    }

    private static string Trim(string text) => text.Trim().TrimEnd('?', '？', '!', '！', '。', '.', '~', '～').Trim();

    private static string Trim(string text, string[] endings)
    {
        var trimmed = text;
        while (endings.FirstOrDefault(e => trimmed.EndsWith(e, StringComparison.Ordinal) && trimmed.Length > e.Length) is { } ending)
        {
            trimmed = trimmed[..^ending.Length];
        }

        return trimmed;
    }
}
