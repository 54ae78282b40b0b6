namespace Xiaoshen.Knowledge.Content;

/// <summary>One section of a matter.</summary>
/// <param name="Kind">Which section.</param>
/// <param name="Markdown">The section body as the editor wrote it.</param>
/// <param name="Line">1-based line of the heading in the file.</param>
public sealed record MatterSection(SectionKind Kind, string Markdown, int Line)
{
    /// <summary>The section heading.</summary>
    public string Title => SectionTitles.TitleOf(Kind);
}
