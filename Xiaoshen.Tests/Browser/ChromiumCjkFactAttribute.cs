using Xiaoshen.Tests.PreReview;

namespace Xiaoshen.Tests.Browser;

/// <summary>A browser test whose pages show rendered Chinese documents: skipped, with the reason, without Chromium or Noto Sans CJK.</summary>
public sealed class ChromiumCjkFactAttribute : FactAttribute
{
    public ChromiumCjkFactAttribute()
    {
        Skip = new ChromiumFactAttribute().Skip ?? new CjkFontFactAttribute().Skip;
    }
}
