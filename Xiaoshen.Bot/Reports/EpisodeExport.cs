using System.Globalization;
using System.Text;
using SpreadCheetah;

namespace Xiaoshen.Bot.Reports;

/// <summary>
/// One row per episode, as CSV (UTF-8 with a byte-order mark, so Excel reads the Chinese) or XLSX. The same columns in
/// both; the only free text (the
/// question, the rating comment) is the stored, masked text, masked once more when the episode is built.
/// </summary>
public static class EpisodeExport
{
    private sealed record Column(string Name, Func<Episode, object?> Value);

    private static readonly Column[] Columns =
    [
        new("episode_id", e => e.Id.ToString()),
        new("conversation_id", e => e.ConversationId.ToString()),
        new("channel", e => e.ChannelFamily),
        new("department", e => e.DepartmentId),
        new("matter", e => e.MatterId),
        new("outcome", e => ReportSummary.Key(e.Outcome)),
        new("started_at", e => Time(e.StartedAt)),
        new("ended_at", e => Time(e.EndedAt)),
        new("first_response_seconds", e => Seconds(e.FirstResponse)),
        new("wait_seconds", e => Seconds(e.Wait)),
        new("agent", e => e.HumanAgentId),
        new("rating", e => e.Rating is { } rating ? ReportRatings.Name(rating) : null),
        new("rating_comment", e => e.RatingComment),
        new("ticket", e => e.TicketNumber),
        new("question", e => e.Question),
    ];

    public static async Task WriteCsvAsync(IEnumerable<Episode> episodes, Stream stream, CancellationToken cancellationToken)
    {
        // The BOM is written by the encoding's preamble: Excel takes a CSV without one for the local code page.
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024, leaveOpen: true);
        await writer.WriteAsync(string.Join(',', Columns.Select(c => c.Name)).AsMemory(), cancellationToken);
        await writer.WriteAsync("\r\n".AsMemory(), cancellationToken);
        foreach (var episode in episodes)
        {
            await writer.WriteAsync(string.Join(',', Columns.Select(c => Csv(c.Value(episode)))).AsMemory(), cancellationToken);
            await writer.WriteAsync("\r\n".AsMemory(), cancellationToken);
        }

        await writer.FlushAsync(cancellationToken);
    }

    public static async Task WriteXlsxAsync(IEnumerable<Episode> episodes, Stream stream, CancellationToken cancellationToken)
    {
        // The zip container finishes with a synchronous write, which a response body refuses: the file is buffered
        // (in memory, then on disk past 32 KB) and copied out.
        await using var buffer = new Microsoft.AspNetCore.WebUtilities.FileBufferingWriteStream();
        await WriteSpreadsheetAsync(episodes, buffer, cancellationToken);
        await buffer.DrainBufferAsync(stream, cancellationToken);
    }

    private static async Task WriteSpreadsheetAsync(IEnumerable<Episode> episodes, Stream stream, CancellationToken cancellationToken)
    {
        await using var spreadsheet = await Spreadsheet.CreateNewAsync(stream, cancellationToken: cancellationToken);
        await spreadsheet.StartWorksheetAsync("episodes", token: cancellationToken);
        await spreadsheet.AddRowAsync(Columns.Select(c => new Cell(c.Name)).ToArray(), cancellationToken);
        foreach (var episode in episodes)
        {
            await spreadsheet.AddRowAsync(Columns.Select(c => c.Value(episode) switch
            {
                double number => new Cell(number),
                var value => new Cell(value as string),
            }).ToArray(), cancellationToken);
        }

        await spreadsheet.FinishAsync(cancellationToken);
    }

    private static string Time(DateTimeOffset at) => at.ToOffset(Handoff.WorkingCalendar.Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static double? Seconds(TimeSpan? span) => span is { } s ? Math.Round(s.TotalSeconds, 1) : null;

    private static string Csv(object? value)
    {
        var text = value switch
        {
            null => string.Empty,
            double number => number.ToString(CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };

        // A cell starting with = + - @ is a formula to a spreadsheet: a person's words must never run as one.
        if (value is string && text.Length > 0 && text[0] is '=' or '+' or '-' or '@')
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\r', '\n']) < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
