using System.Globalization;
using Microsoft.Extensions.Options;
using Spectre.Console;
using Xiaoshen.Knowledge;
using Xiaoshen.Knowledge.Content;
using Xiaoshen.Knowledge.Evaluation;
using Xiaoshen.Knowledge.Indexing;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Bot.Cli;

/// <summary><c>kb validate</c>, <c>kb search</c> and <c>kb train</c>.</summary>
internal static class KbCommands
{
    private const int ProblemsShown = 200;

    public static int Validate(IAnsiConsole console, CliArguments arguments)
    {
        arguments.AllowOnly("--path");
        using var host = CliApp.BuildHost(arguments, "--path");
        var options = host.Services.GetRequiredService<IOptions<KnowledgeOptions>>().Value;
        var result = ContentLoader.Load(options.ContentPath, DateOnly.FromDateTime(DateTime.Now));
        PrintProblems(console, result.Problems);
        if (result.Knowledge is not { } knowledge)
        {
            console.MarkupLineInterpolated($"[red]知识库有 {result.Errors.Count()} 个错误[/]（{options.ContentPath}）；改正后再运行 kb validate。");
            return CliApp.Invalid;
        }

        var warnings = result.Problems.Count;
        console.MarkupLineInterpolated(
            $"[green]OK[/] {knowledge.Matters.Count} matters, {knowledge.FaqCount} FAQs, {knowledge.Departments.Count} departments, {knowledge.Calendar.Count} calendar days, {knowledge.Synonyms.Count} synonym rules; {warnings} warnings");
        return CliApp.Ok;
    }

    public static async Task<int> SearchAsync(IAnsiConsole console, CliArguments arguments)
    {
        arguments.AllowOnly("--path", "--matter");
        if (arguments.Positional.Count == 0)
        {
            throw new CliUsageException("kb search needs a question, e.g. kb search \"退休了公积金怎么取\"");
        }

        using var host = CliApp.BuildHost(arguments, "--path");
        if (await CliApp.OpenIndexAsync(host, console) is not { } search)
        {
            return CliApp.Invalid;
        }

        var question = string.Join(' ', arguments.Positional);
        var answer = await search.AskAsync(question, new SearchRequest { CurrentMatterId = arguments.Option("--matter"), Top = 5 });
        console.MarkupLineInterpolated($"[bold]{answer.Decision}[/]  confidence {answer.Confidence:0.000}  ({answer.Reason})  build {answer.BuildId}");
        var table = new Table().AddColumns("#", "matter", "name", "score", "confidence", "matched");
        var rank = 0;
        foreach (var hit in answer.Matters)
        {
            table.AddRow(
                (++rank).ToString(CultureInfo.InvariantCulture),
                hit.MatterId,
                Markup.Escape(hit.MatterName),
                hit.Score.ToString("0.00", CultureInfo.InvariantCulture),
                hit.Confidence.ToString("0.000", CultureInfo.InvariantCulture),
                Markup.Escape(hit.MatchedText));
        }

        console.Write(table);
        var text = answer.Faq is { } faq ? $"{faq.Id} {faq.Question}\n{faq.Answer}"
            : answer.Section is { } section ? $"{answer.Matter!.Id} {section.Title}\n{section.Markdown}"
            : answer.IsOverview ? $"{answer.Matter!.Id} 概述（summary、办理条件、办理流程）\n{answer.Matter.Summary}"
            : answer.Chitchat?.Answers[0];
        if (text is not null)
        {
            console.Write(new Panel(Markup.Escape(text)).Header(answer.Matter?.Name ?? "chit-chat"));
        }

        return CliApp.Ok;
    }

    public static async Task<int> TrainAsync(IAnsiConsole console, CliArguments arguments)
    {
        arguments.AllowOnly("--path");
        using var host = CliApp.BuildHost(arguments, "--path");
        var options = host.Services.GetRequiredService<IOptions<KnowledgeOptions>>().Value;
        var sets = await EvalSetsAsync(options.ContentPath);

        // Every set scored on the build served until now, then on the new one, so an editor sees what an edit did.
        var indexer = host.Services.GetRequiredService<KnowledgeIndexer>();
        var search = host.Services.GetRequiredService<KnowledgeSearch>();
        var before = await indexer.ServeLatestStoredAsync() ? await ScoreAsync(search, sets) : null;
        var previous = before is null ? null : search.Build.Id;

        var rebuilt = await console.Status().StartAsync("building index and training…", _ => CliApp.OpenIndexAsync(host, console, force: true));
        if (rebuilt is null)
        {
            return CliApp.Invalid;
        }

        var build = rebuilt.Build;
        console.MarkupLineInterpolated($"[green]built[/] {build.Id}: {build.Matters} matters, {build.Faqs} FAQs, {build.Documents} documents");
        console.MarkupLineInterpolated($"answer >= {build.Calibration.AnswerThreshold:0.000}, clarify >= {build.Calibration.ClarifyThreshold:0.000}, plausible matters >= {build.Calibration.PlausibleThreshold:0.000}");
        if (build.Calibration.English is { } english)
        {
            console.MarkupLineInterpolated($"questions in English: answer >= {english.Answer:0.000}, clarify >= {english.Clarify:0.000} (chosen on {english.TrainedOn} English dev questions)");
        }

        console.MarkupLineInterpolated($"{build.Calibration.Note}");
        var after = await ScoreAsync(rebuilt, sets);
        foreach (var (name, report) in after)
        {
            EvalCommand.PrintComparison(console, name, before?.GetValueOrDefault(name), previous, report);
        }

        return CliApp.Ok;
    }

    // Every question set under eval/, the training sets first.
    private static async Task<List<(string Name, IReadOnlyList<EvalQuestion> Questions)>> EvalSetsAsync(string contentPath)
    {
        var folder = Path.Combine(contentPath, "eval");
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.jsonl").Order(StringComparer.Ordinal).ToList() : [];
        var training = ContentLoader.TrainingSetNames.ToList();
        var sets = new List<(string, IReadOnlyList<EvalQuestion>)>();
        foreach (var file in files.OrderBy(f => training.IndexOf(Path.GetFileName(f)) is var i && i >= 0 ? i : training.Count))
        {
            sets.Add((Path.GetFileName(file), await EvalQuestionReader.ReadAsync(file)));
        }

        return sets;
    }

    private static async Task<Dictionary<string, EvalReport>> ScoreAsync(KnowledgeSearch search, List<(string Name, IReadOnlyList<EvalQuestion> Questions)> sets)
    {
        var reports = new Dictionary<string, EvalReport>(StringComparer.Ordinal);
        foreach (var (name, questions) in sets)
        {
            reports[name] = (await EvalRunner.RunAsync(search, questions)).Report;
        }

        return reports;
    }

    public static void PrintProblems(IAnsiConsole console, IReadOnlyList<ContentProblem> problems)
    {
        if (problems.Count == 0)
        {
            return;
        }

        var table = new Table().AddColumns("file:line", "level", "problem");
        foreach (var problem in problems.Take(ProblemsShown))
        {
            table.AddRow(
                Markup.Escape(problem.Line > 0 ? $"{problem.File}:{problem.Line}" : problem.File),
                problem.Severity == ProblemSeverity.Error ? "[red]error[/]" : "[yellow]warning[/]",
                Markup.Escape(problem.Message));
        }

        console.Write(table);
        if (problems.Count > ProblemsShown)
        {
            console.MarkupLineInterpolated($"… and {problems.Count - ProblemsShown} more");
        }
    }
}
