using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Xiaoshen.Knowledge.Evaluation;

namespace Xiaoshen.Bot.Cli;

/// <summary><c>eval --questions FILE [--kb DIR] [--json] [--details OUT.jsonl]</c>.</summary>
internal static class EvalCommand
{
    private static readonly JsonSerializerOptions CompactJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task<int> RunAsync(IAnsiConsole stdout, IAnsiConsole stderr, CliArguments arguments)
    {
        arguments.AllowOnly("--questions", "--kb", "--json", "--details");
        var file = arguments.Option("--questions") ?? throw new CliUsageException("eval needs --questions FILE");
        var questions = await EvalQuestionReader.ReadAsync(file);

        using var host = CliApp.BuildHost(arguments, "--kb");
        if (await CliApp.OpenIndexAsync(host, stderr) is not { } search)
        {
            return CliApp.Invalid;
        }

        var (report, details) = await stderr.Progress()
            .AutoClear(true)
            .StartAsync(async context =>
            {
                var task = context.AddTask("eval", maxValue: Math.Max(questions.Count, 1));
                return await EvalRunner.RunAsync(search, questions, new Progress<int>(n => task.Value = n));
            });

        if (arguments.Option("--details") is { } detailsPath)
        {
            await File.WriteAllLinesAsync(detailsPath, details.Select(d => JsonSerializer.Serialize(d, CompactJson)));
        }

        if (arguments.Has("--json"))
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(report, CompactJson));
        }
        else
        {
            PrintReport(stdout, report, file);
        }

        return CliApp.Ok;
    }

    public static void PrintReport(IAnsiConsole console, EvalReport report, string title)
    {
        var m = report.Matter;
        var table = new Table().Title(Markup.Escape($"{title}: {report.Questions} questions, build {report.Index.Build}")).AddColumns("measure", "value");
        void Row(string name, double value) => table.AddRow(name, value.ToString("0.000", CultureInfo.InvariantCulture));
        table.AddRow("matter questions", m.Count.ToString(CultureInfo.InvariantCulture));
        Row("top1", m.Top1);
        Row("top3", m.Top3);
        Row("mrr", m.Mrr);
        Row("answered_correct", m.AnsweredCorrect);
        Row("answered_wrong", m.AnsweredWrong);
        Row("clarified", m.Clarified);
        Row("fallback", m.Fallback);
        table.AddRow("oos questions", report.Oos.Count.ToString(CultureInfo.InvariantCulture));
        Row("oos rejected", report.Oos.Rejected ?? 0);
        table.AddRow("human questions", report.Human.Count.ToString(CultureInfo.InvariantCulture));
        Row("human detected", report.Human.Detected ?? 0);
        table.AddRow("chit-chat questions", report.Chitchat.Count.ToString(CultureInfo.InvariantCulture));
        Row("chit-chat detected", report.Chitchat.Detected ?? 0);
        if (report.Content is { } content)
        {
            table.AddRow("section-labelled questions", content.Count.ToString(CultureInfo.InvariantCulture));
            Row("right matter", content.RightMatter);
            Row("right FAQ/section", content.RightContent);
            Row("right FAQ/section given matter", content.ContentGivenMatter);
        }

        Row("latency p50 ms", report.LatencyMs.P50);
        Row("latency p99 ms", report.LatencyMs.P99);
        console.Write(table);
    }
}
