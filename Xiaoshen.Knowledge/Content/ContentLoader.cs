using System.Text;
using System.Text.Json;
using Xiaoshen.Knowledge.Evaluation;

namespace Xiaoshen.Knowledge.Content;

/// <summary>
/// Loads and validates a whole content folder (<c>knowledge-base/</c>). Every problem is reported at once with file and line;
/// the result carries a <see cref="KnowledgeBase"/> only when there is no error. Stateless and thread-safe.
/// </summary>
public static class ContentLoader
{
    /// <summary>Days before a matter's expiry date from which the validator warns.</summary>
    public const int ExpiryWarningDays = 30;

    internal const string CatalogFile = "catalog.tsv";
    internal const string DepartmentsFile = "departments.yaml";
    internal const string SynonymsFile = "synonyms.txt";
    internal const string ChitchatFile = "chitchat.yaml";
    internal const string PlacesFile = "places.yaml";
    internal const string OutOfScopeFile = "out-of-scope.yaml";
    internal const string ServiceCentresFile = "service-centres.yaml";
    internal const string MattersFolder = "matters";
    internal const string CalendarFolder = "calendar";
    internal const string DevSetFile = "eval/dev.jsonl";
    internal const string SituationsSetFile = "eval/situations-dev.jsonl";
    internal const string EnglishSetFile = "eval/real-dev11.jsonl";

    /// <summary>The sets the models and thresholds are trained on; every other file under <c>eval/</c> is only ever scored.</summary>
    internal static readonly string[] DevSetFiles = [DevSetFile, "eval/real-dev.jsonl", "eval/real-dev3.jsonl", "eval/real-dev4.jsonl", "eval/real-dev5.jsonl", "eval/real-dev6.jsonl", "eval/real-dev7.jsonl", "eval/real-dev8.jsonl", "eval/real-dev9.jsonl", "eval/real-dev10.jsonl", EnglishSetFile, SituationsSetFile];

    /// <summary>The file names of <see cref="DevSetFiles"/> (<c>dev.jsonl</c>…), in training order, for tools that list them.</summary>
    public static IReadOnlyList<string> TrainingSetNames { get; } = [.. DevSetFiles.Select(Path.GetFileName).OfType<string>()];

    /// <summary>
    /// Dev sets of questions that describe a situation without naming the matter ("公司倒闭了几个月没收入"): they teach the
    /// serving matter model only; the scope, fusion and confidence models and the thresholds keep to the other dev sets
    /// (see <c>BuildTrainer</c>).
    /// </summary>
    internal static readonly string[] SituationSetFiles = [SituationsSetFile];

    /// <summary>
    /// Dev sets of questions asked in English: they teach the serving matter model only; the scope and fold models, and so
    /// the fusion, the confidence and the thresholds, keep to the Chinese dev sets (see <c>BuildTrainer</c>).
    /// </summary>
    internal static readonly string[] EnglishSetFiles = [EnglishSetFile];

    /// <summary>Loads the folder at <paramref name="root"/>; <paramref name="today"/> drives expiry warnings.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static ContentLoadResult Load(string root, DateOnly today)
    {
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"Content folder '{Path.GetFullPath(root)}' does not exist.");
        }

        // Read once and parsed from memory: hashing the folder again after parsing it gave a build of the old text the
        // new hash when an editor saved in between, and that edit was never served.
        var folder = ContentFolder.Read(root);
        var problems = new List<ContentProblem>();
        var catalog = LoadCatalog(folder, problems);
        var departments = Parse(folder, DepartmentsFile, problems, DepartmentsParser.Parse, []);
        var synonyms = Parse(folder, SynonymsFile, problems, SynonymParser.Parse, []);
        var lexicon = Parse(folder, ChitchatFile, problems, LexiconParser.Parse, ConversationLexicon.Empty);
        var places = ParseOptional(folder, PlacesFile, problems, PlacesParser.Parse, PlaceLexicon.Empty);
        var outOfScope = ParseOptional(folder, OutOfScopeFile, problems, OutOfScopeParser.Parse, []);
        var centres = ParseOptional(folder, ServiceCentresFile, problems, ServiceCentresParser.Parse, []);
        var calendar = LoadCalendar(folder, problems);
        var matters = LoadMatters(root, folder, problems);

        CheckMatters(matters, catalog, departments, today, problems);
        CheckMatterIds(PlacesFile, places.Bridges.Concat(places.AbroadMatters), matters, problems);
        CheckCentreMatters(folder, centres, matters, problems);
        var workingDays = new WorkingDays(calendar);
        CheckLeaderSessions(centres, workingDays, today, problems);
        CheckCalendarYears(calendar.Count > 0, workingDays, today, problems);
        var training = DevSetFiles.SelectMany(devSet => ReadDevSet(folder, devSet, catalog, problems)).ToList();

        var sorted = problems.OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line).ToList();
        if (sorted.Exists(p => p.Severity == ProblemSeverity.Error))
        {
            return new ContentLoadResult(null, sorted);
        }

        var knowledge = new KnowledgeBase
        {
            Matters = matters.ToDictionary(m => m.Id, StringComparer.Ordinal),
            Departments = departments.ToDictionary(d => d.Name, StringComparer.Ordinal),
            Calendar = calendar,
            Synonyms = synonyms,
            Lexicon = lexicon,
            Places = places,
            OutOfScope = outOfScope,
            ServiceCentres = centres,
            Catalog = catalog,
            ContentHash = folder.Hash,
            TrainingQuestions = training,
        };
        return new ContentLoadResult(knowledge, sorted);
    }

    /// <summary>A hash over every file in the folder, used to tell whether content changed since a build.</summary>
    public static string HashFolder(string root) => ContentFolder.Read(root).Hash;

    private static T Parse<T>(ContentFolder folder, string name, List<ContentProblem> problems, Func<string, ProblemList, T> parse, T empty)
    {
        var list = new ProblemList(name);
        T result;
        if (folder.Exists(name))
        {
            result = parse(ReadText(folder.Bytes(name), list), list);
        }
        else
        {
            list.Error(0, $"缺少文件 {name}");
            result = empty;
        }

        problems.AddRange(list.Problems);
        return result;
    }

    // Files added after the first content release: a folder without them still loads, with the built-in behaviour.
    private static T ParseOptional<T>(ContentFolder folder, string name, List<ContentProblem> problems, Func<string, ProblemList, T> parse, T empty) =>
        folder.Exists(name) ? Parse(folder, name, problems, parse, empty) : empty;

    private static void CheckMatterIds(string file, IEnumerable<string> ids, List<Matter> matters, List<ContentProblem> problems)
    {
        var known = matters.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var id in ids.Where(id => !known.Contains(id)))
        {
            problems.Add(new ContentProblem(file, 0, $"事项“{id}”不存在"));
        }
    }

    // A matter whose own file has an error is reported there, not again for every centre that books it.
    private static void CheckCentreMatters(ContentFolder folder, List<ServiceCentre> centres, List<Matter> matters, List<ContentProblem> problems)
    {
        var files = folder.Files(MattersFolder, ".md").Select(Path.GetFileNameWithoutExtension);
        var known = matters.Select(m => m.Id).Concat(files).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var centre in centres)
        {
            foreach (var id in centre.Matters.Where(id => !known.Contains(id)))
            {
                problems.Add(new ContentProblem(ServiceCentresFile, centre.Line, $"中心“{centre.Name}”的事项“{id}”不在 {MattersFolder}/ 中"));
            }
        }
    }

    // A leader's half day that has passed, or falls on a day the centre is closed, can never be booked: the editor is told.
    private static void CheckLeaderSessions(List<ServiceCentre> centres, WorkingDays workingDays, DateOnly today, List<ContentProblem> problems)
    {
        foreach (var (centre, leader, session) in centres.SelectMany(c => c.Leaders.SelectMany(l => l.Sessions.Select(s => (c, l, s)))))
        {
            var day = $"{centre.Name}{leader.Name}的领导干部帮办安排 {session.Date:yyyy-MM-dd}";
            if (session.Date < today)
            {
                problems.Add(new ContentProblem(ServiceCentresFile, session.Line, $"{day} 已经过去，市民约不到了；请更新为今后的日期或删去", ProblemSeverity.Warning));
            }
            else if (!workingDays.IsWorkingDay(session.Date))
            {
                var why = workingDays.Holiday(session.Date) is { } holiday ? $"{holiday.Name}假期" : "周末";
                problems.Add(new ContentProblem(ServiceCentresFile, session.Line, $"{day} 是{why}，中心不办公，市民约不到；请改到工作日", ProblemSeverity.Warning));
            }
        }

        foreach (var (centre, leader, session) in centres.SelectMany(c => c.Leaders.SelectMany(l => l.Weekly.Select(w => (c, l, w)))))
        {
            var every = $"{centre.Name}{leader.Name}的每{ServiceCentresParser.WeekdayName(session.Day)}领导干部帮办安排";
            if (session.Until < today)
            {
                problems.Add(new ContentProblem(ServiceCentresFile, session.Line, $"{every}已于 {session.Until:yyyy-MM-dd} 结束，市民约不到了；请更新 until 或删去", ProblemSeverity.Warning));
            }
            else if (session.Day is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                problems.Add(new ContentProblem(ServiceCentresFile, session.Line, $"{every}在周末，中心不办公，只有调休上班的那几天约得到；请改到工作日", ProblemSeverity.Warning));
            }
            else if (session.From is null)
            {
                // The supervisors' board counts each leader's sessions this year: without a start it counts every week since 1 January.
                problems.Add(new ContentProblem(ServiceCentresFile, session.Line, $"{every}没有写 from（从哪天开始）：主管看板会把今年 1 月 1 日以来的每一周都算作已安排；请写上开始日期，如 from: {today:yyyy-MM-dd}", ProblemSeverity.Warning));
            }
        }
    }

    // A year without the State Council's arrangement falls back on the statutory days alone (WorkingDays): the editor is
    // told for this year, and from December on for the next one (the notice usually comes out in November). Without any
    // calendar file the loader has already said so.
    private static void CheckCalendarYears(bool anyCalendar, WorkingDays workingDays, DateOnly today, List<ContentProblem> problems)
    {
        var years = today.Month == 12 ? [today.Year, today.Year + 1] : new[] { today.Year };
        foreach (var year in years.Where(y => anyCalendar && !workingDays.Covers(y)))
        {
            problems.Add(new ContentProblem(CalendarFolder, 0,
                $"还没有 {year} 年的节假日安排（calendar/{year}.yaml）：在加上之前，{year} 年只有元旦、春节、清明节、劳动节、端午节、中秋节、国庆节这些法定假日当天不办公，" +
                "不知道调休的连休和周末上班，人工客服在线时间、预约和整改时限可能算错。请按国务院办公厅当年的通知添加（一般在前一年 11 月前后公布）",
                ProblemSeverity.Warning));
        }
    }

    private static string ReadText(byte[] bytes, ProblemList problems)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            problems.Error(0, "文件不是 UTF-8 编码，请用 UTF-8 保存");
            return string.Empty;
        }
    }

    private static List<CatalogEntry> LoadCatalog(ContentFolder folder, List<ContentProblem> problems)
    {
        var entries = new List<CatalogEntry>();
        if (!folder.Exists(CatalogFile))
        {
            problems.Add(new ContentProblem(CatalogFile, 0, $"缺少事项目录 {CatalogFile}"));
            return entries;
        }

        var lines = folder.Lines(CatalogFile);
        for (var i = 1; i < lines.Count; i++)
        {
            var cols = lines[i].Split('\t');
            if (cols.Length >= 5 && int.TryParse(cols[4], out var phase))
            {
                entries.Add(new CatalogEntry(cols[0], cols[1], cols[2], cols[3], phase));
            }
            else if (lines[i].Trim().Length > 0)
            {
                problems.Add(new ContentProblem(CatalogFile, i + 1, "目录行应有 id、name、audience、department、phase 五列（制表符分隔）"));
            }
        }

        return entries;
    }

    private static List<CalendarDay> LoadCalendar(ContentFolder folder, List<ContentProblem> problems)
    {
        var days = new List<CalendarDay>();
        var files = folder.Files(CalendarFolder, ".yaml");
        if (files.Count == 0)
        {
            problems.Add(new ContentProblem(CalendarFolder, 0, "缺少节假日日历 calendar/<年份>.yaml"));
        }

        foreach (var file in files)
        {
            days.AddRange(Parse(folder, file, problems, CalendarParser.Parse, []));
        }

        return days.OrderBy(d => d.Date).ToList();
    }

    private static List<Matter> LoadMatters(string root, ContentFolder folder, List<ContentProblem> problems)
    {
        var matters = new List<Matter>();
        if (!Directory.Exists(Path.Combine(root, MattersFolder)))
        {
            problems.Add(new ContentProblem(MattersFolder, 0, "缺少 matters 文件夹"));
            return matters;
        }

        foreach (var relative in folder.Files(MattersFolder, ".md"))
        {
            var list = new ProblemList(relative);
            var matter = MatterParser.Parse(ReadText(folder.Bytes(relative), list), list);
            if (matter is not null)
            {
                var expected = Path.GetFileNameWithoutExtension(relative);
                if (matter.Id != expected)
                {
                    list.Error(2, $"id “{matter.Id}”与文件名“{expected}.md”不一致");
                }

                matters.Add(matter);
            }

            problems.AddRange(list.Problems);
        }

        return matters;
    }

    private static void CheckMatters(
        List<Matter> matters, List<CatalogEntry> catalog, List<Department> departments, DateOnly today, List<ContentProblem> problems)
    {
        var catalogById = catalog.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var byId = new Dictionary<string, Matter>(StringComparer.Ordinal);
        foreach (var matter in matters)
        {
            var list = new ProblemList(matter.File);
            if (!byId.TryAdd(matter.Id, matter))
            {
                list.Error(2, $"id “{matter.Id}”重复，已在 {byId[matter.Id].File} 使用");
            }

            if (catalog.Count > 0 && !catalogById.TryGetValue(matter.Id, out var entry))
            {
                list.Error(2, $"id “{matter.Id}”不在事项目录 {CatalogFile} 中");
            }
            else if (catalogById.TryGetValue(matter.Id, out entry) && entry.Name != matter.Name)
            {
                list.Warning(3, $"name “{matter.Name}”与事项目录中的名称“{entry.Name}”不同");
            }

            if (!departments.Exists(d => d.Name == matter.Department))
            {
                list.Error(matter.DepartmentLine, $"department “{matter.Department}”不在 {DepartmentsFile} 中");
            }

            if (matter.Expires is { } expires && expires < today)
            {
                list.Warning(0, $"已于 {expires:yyyy-MM-dd} 失效，小申不再回答这个事项");
            }
            else if (matter.Expires is { } soon && soon.DayNumber - today.DayNumber <= ExpiryWarningDays)
            {
                list.Warning(0, $"将于 {soon:yyyy-MM-dd} 失效（{ExpiryWarningDays} 天内），请及时更新");
            }

            problems.AddRange(list.Problems);
        }

        CheckFollowUps(matters, byId, problems);
        foreach (var missing in catalog.Where(c => !byId.ContainsKey(c.Id)))
        {
            problems.Add(new ContentProblem(CatalogFile, 0, $"目录中的事项 {missing.Id}（{missing.Name}）还没有内容文件", ProblemSeverity.Warning));
        }
    }

    private static void CheckFollowUps(List<Matter> matters, Dictionary<string, Matter> byId, List<ContentProblem> problems)
    {
        foreach (var matter in matters)
        {
            foreach (var faq in matter.Faqs)
            {
                foreach (var target in faq.FollowUps)
                {
                    var hash = target.IndexOf('#', StringComparison.Ordinal);
                    var id = hash < 0 ? target : target[..hash];
                    var ok = byId.TryGetValue(id, out var other)
                        && (hash < 0 || (int.TryParse(target[(hash + 1)..], out var n) && n >= 1 && n <= other.Faqs.Count));
                    if (!ok)
                    {
                        problems.Add(new ContentProblem(matter.File, faq.FollowUpLine > 0 ? faq.FollowUpLine : faq.Line, $"“相关”指向的“{target}”不存在"));
                    }
                }
            }
        }
    }

    // The questions of a set the models are trained on, read with the rest of the folder; a line that is not a question, or
    // names a matter outside the catalogue, is reported to the editor with its line.
    private static List<EvalQuestion> ReadDevSet(ContentFolder folder, string devSet, List<CatalogEntry> catalog, List<ContentProblem> problems)
    {
        var questions = new List<EvalQuestion>();
        if (!folder.Exists(devSet))
        {
            return questions;
        }

        var ids = catalog.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var lines = folder.Lines(devSet);
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            try
            {
                var question = EvalQuestionReader.Parse(lines[i], i + 1, devSet) with { Set = Path.GetFileName(devSet) };
                if (question.MatterId is { } matter && catalog.Count > 0 && !ids.Contains(matter))
                {
                    problems.Add(new ContentProblem(devSet, i + 1, $"matter “{matter}”不在事项目录中"));
                }

                questions.Add(question);
            }
            catch (EvalInputException ex) when (ex.InnerException is JsonException)
            {
                problems.Add(new ContentProblem(devSet, i + 1, "这一行不是有效的 JSON"));
            }
            catch (EvalInputException)
            {
                problems.Add(new ContentProblem(devSet, i + 1, "这一行不是有效的问题：要有文字字段 q；kind 只能是 matter、oos、human 或 chitchat，matter 类要写 matter；answer 写成 matter#3、matter/Materials 或 matter/overview"));
            }
        }

        return questions;
    }
}
