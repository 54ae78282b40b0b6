namespace Xiaoshen.Knowledge.Content;

/// <summary>Where a matter is applied for online.</summary>
/// <param name="Name">The path in words, e.g. 随申办 &gt; 住房公积金 &gt; 离退休提取.</param>
/// <param name="Url">A link; only the matter's own service page is offered as “在线办理” (see <see cref="ServicePage"/>).</param>
/// <param name="Search">What to type in the 随申办 / 一网通办 search box to find the matter (居住证积分).</param>
/// <param name="UrlSource">Where the editor found <paramref name="Url"/>, so it can be checked again.</param>
public sealed record OnlineEntry(string Name, string? Url, string? Search = null, string? UrlSource = null)
{
    /// <summary>The matter's own service page: <see cref="Url"/> unless it is a site's home page (issue 12, item 9).</summary>
    public string? ServicePage => Url is { } url && !IsHomePage(url) ? url : null;

    /// <summary>True for a site's front page (https://zwdt.sh.gov.cn, …/index.do): it does not take anyone to the matter.</summary>
    public static bool IsHomePage(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && string.IsNullOrEmpty(uri.Query)
        && (uri.AbsolutePath is "" or "/" || Path.GetFileNameWithoutExtension(uri.AbsolutePath).Equals("index", StringComparison.OrdinalIgnoreCase));
}
