namespace Xiaoshen.Tests.PreReview;

/// <summary>
/// A test that draws Chinese documents to read them back: it needs Noto Sans CJK (Debian <c>fonts-noto-cjk</c>, which
/// <c>.ci/run</c> installs). Skipped, with the reason, when the font is not installed.
/// </summary>
public sealed class CjkFontFactAttribute : FactAttribute
{
    public CjkFontFactAttribute()
    {
        if (!File.Exists(RenderedDocument.FontFile))
        {
            Skip = $"Noto Sans CJK is not installed ({RenderedDocument.FontFile}): install the Debian package fonts-noto-cjk (.ci/run does)";
        }
    }
}
