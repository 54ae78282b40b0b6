using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Diagnostics;

namespace Xiaoshen.Bot.AgentConsole;

/// <summary>
/// Error statuses without a body (an unknown URL, a refused method): a Chinese page for browsers, ProblemDetails as before
/// for API clients. Texts from <c>AgentConsole:Text</c> (<c>status.404</c>, <c>status.404.detail</c>, …).
/// </summary>
internal static class StatusPages
{
    public static IApplicationBuilder UseStatusPages(this IApplicationBuilder app) => app.UseStatusCodePages(WriteAsync);

    private static async Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        if (!http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase)))
        {
            var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = { Status = status } });
            return;
        }

        var text = http.RequestServices.GetRequiredService<ConsoleText>();
        var code = status.ToString(CultureInfo.InvariantCulture);
        var title = text.TryGet("status." + code) ?? text.Format("status.other", ("Status", code));
        var detail = text.TryGet($"status.{code}.detail") ?? text["status.other.detail"];
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1.0" /><title>{Encode(title)}</title>
            <link rel="stylesheet" href="/console-assets/console.css" /></head>
            <body><main class="xs-page" id="status-page"><h1>{Encode(title)}</h1><p>{Encode(detail)}</p></main></body>
            </html>
            """, http.RequestAborted);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
