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
        var table = new Table().Title(Markup.Escape($"{title}: {report.Questions} questions, build {report.Index.Build}")).AddColumns("measure", "value");
        foreach (var (name, value) in Measures(report))
        {
            table.AddRow(name, value);
        }

        console.Write(table);
        PrintBreakdown(console, "per kind", report.ByKind);
        PrintBreakdown(console, "per matter group", report.ByGroup);
    }

    /// <summary>One set's figures on the previous build (if any) and the new one, side by side.</summary>
    public static void PrintComparison(IAnsiConsole console, string set, EvalReport? before, string? previousBuild, EvalReport after)
    {
        var table = new Table().Title(Markup.Escape($"{set}: {after.Questions} questions")).AddColumns(
            "measure", Markup.Escape($"before ({previousBuild ?? "no earlier build"})"), Markup.Escape($"after ({after.Index.Build})"));
        var old = before is null ? [] : Measures(before).ToDictionary(m => m.Name, m => m.Value);
        foreach (var (name, value) in Measures(after))
        {
            table.AddRow(name, old.GetValueOrDefault(name, "-"), value);
        }

        console.Write(table);
    }

    private static IEnumerable<(string Name, string Value)> Measures(EvalReport report)
    {
        static string N(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
        static string C(int value) => value.ToString(CultureInfo.InvariantCulture);
        var m = report.Matter;
        yield return ("matter questions", C(m.Count));
        yield return ("top1", N(m.Top1));
        yield return ("top3", N(m.Top3));
        yield return ("mrr", N(m.Mrr));
        yield return ("answered_correct", N(m.AnsweredCorrect));
        yield return ("answered_wrong", N(m.AnsweredWrong));
        yield return ("answered_wrong_of_all", N(report.AnsweredWrongOfAll));
        yield return ("clarified", N(m.Clarified));
        yield return ("helped", N(m.Helped));
        yield return ("fallback", N(m.Fallback));
        yield return ("oos questions", C(report.Oos.Count));
        yield return ("oos rejected", N(report.Oos.Rejected ?? 0));
        yield return ("other-place questions", C(report.OtherPlace.Count));
        yield return ("other-place not answered as Shanghai", N(report.OtherPlace.Rejected ?? 0));
        yield return ("human questions", C(report.Human.Count));
        yield return ("human detected", N(report.Human.Detected ?? 0));
        yield return ("chit-chat questions", C(report.Chitchat.Count));
        yield return ("chit-chat detected", N(report.Chitchat.Detected ?? 0));
        if (report.Content is { } content)
        {
            yield return ("section-labelled questions", C(content.Count));
            yield return ("right matter", N(content.RightMatter));
            yield return ("right FAQ/section", N(content.RightContent));
            yield return ("right FAQ/section given matter", N(content.ContentGivenMatter));
        }

        yield return ("latency p50 ms", N(report.LatencyMs.P50));
        yield return ("latency p99 ms", N(report.LatencyMs.P99));
    }

    private static void PrintBreakdown(IAnsiConsole console, string title, IReadOnlyDictionary<string, GroupScores> groups)
    {
        if (groups.Count == 0)
        {
            return;
        }

        static string N(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
        var table = new Table().Title(title).AddColumns("", "matter", "answered_correct", "helped", "top3", "oos", "rejected", "wrong of all");
        foreach (var (name, g) in groups)
        {
            table.AddRow(Markup.Escape(name), g.Matter.ToString(CultureInfo.InvariantCulture), N(g.AnsweredCorrect), N(g.Helped), N(g.Top3),
                g.Oos.ToString(CultureInfo.InvariantCulture), N(g.Rejected), N(g.AnsweredWrongOfAll));
        }

        console.Write(table);
    }
}
