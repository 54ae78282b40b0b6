namespace Xiaoshen.Knowledge.Content;

/// <summary>Maps the Chinese section headings of a matter file to <see cref="SectionKind"/>.</summary>
public static class SectionTitles
{
    private static readonly (SectionKind Kind, string Title)[] Titles =
    [
        (SectionKind.Conditions, "办理条件"),
        (SectionKind.Materials, "申请材料"),
        (SectionKind.Process, "办理流程"),
        (SectionKind.Channels, "办理渠道"),
        (SectionKind.TimeLimit, "办理时限"),
        (SectionKind.Fees, "收费标准"),
        (SectionKind.Faq, "常见问题"),
    ];

    /// <summary>The required sections, in file order.</summary>
    public static IReadOnlyList<SectionKind> Required { get; } = Titles.Select(t => t.Kind).ToArray();

    /// <summary>The heading an editor writes for <paramref name="kind"/>.</summary>
    public static string TitleOf(SectionKind kind) => Titles.First(t => t.Kind == kind).Title;

    /// <summary>Finds the section kind for a heading; false for unknown headings.</summary>
    public static bool TryParse(string title, out SectionKind kind)
    {
        foreach (var (k, t) in Titles)
        {
            if (string.Equals(t, title.Trim(), StringComparison.Ordinal))
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
