using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Xiaoshen.Bot.AgentConsole;

/// <summary>
/// Xiaoshen's answers in the transcript as the person saw them in web chat: Markdown made into HTML, raw HTML shown as
/// text, links only to http(s) addresses (an answer composed by a model could hold any URL).
/// </summary>
internal static class ConsoleMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseSoftlineBreakAsHardlineBreak().Build();

    public static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!Uri.TryCreate(link.Url, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
            {
                link.Url = null;
                link.IsImage = false;
            }
        }

        return document.ToHtml(Pipeline);
    }
}
