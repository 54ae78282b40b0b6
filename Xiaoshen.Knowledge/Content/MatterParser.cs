using Markdig;
using Markdig.Syntax;
using YamlDotNet.RepresentationModel;

namespace Xiaoshen.Knowledge.Content;

/// <summary>Parses one matter file: YAML front matter between <c>---</c> lines, then Markdown sections and FAQs.</summary>
internal static class MatterParser
{
    private static readonly string[] KnownKeys =
    [
        "id", "name", "aliases", "audience", "department", "summary", "entry", "time_limit", "fee",
        "updated", "effective", "expires", "source", "human_only", PreReviewParser.Key,
    ];

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePreciseSourceLocation().Build();

    private static readonly string[] AlternativesPrefixes = ["也问：", "也问:"];
    private static readonly string[] FollowUpPrefixes = ["相关：", "相关:"];
    private static readonly char[] AlternativeSeparators = ['｜', '|', '；', ';'];
    private static readonly char[] FollowUpSeparators = ['；', ';', '，', ',', '、', ' '];

    /// <summary>Parses <paramref name="text"/>; returns null when the file is too broken to use. Follow-up targets are checked later.</summary>
    public static Matter? Parse(string text, ProblemList problems)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            problems.Error(1, "文件应以一行“---”开头，后面是 YAML 头信息（id、name、department 等），再以“---”结束");
            return null;
        }

        var close = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (close < 0)
        {
            problems.Error(1, "YAML 头信息没有结束的“---”行");
            return null;
        }

        // Front matter starts on file line 2; body starts after the closing line.
        var yamlProblems = problems.At(1);
        var front = YamlReader.ParseMapping(string.Join('\n', lines[1..close]), yamlProblems);
        if (front is null)
        {
            return null;
        }

        var body = string.Join('\n', lines[(close + 1)..]);
        var bodyProblems = problems.At(close + 1);
        return Build(front, yamlProblems, body, bodyProblems, problems.File);
    }

    private static Matter? Build(YamlMappingNode front, ProblemList yaml, string body, ProblemList md, string file)
    {
        YamlReader.WarnUnknownKeys(front, KnownKeys, yaml);
        var id = Required(front, "id", yaml);
        var name = Required(front, "name", yaml);
        var audience = Required(front, "audience", yaml);
        var department = Required(front, "department", yaml);
        if (audience is not null and not ("个人" or "企业"))
        {
            yaml.Error(YamlReader.LineOf(YamlReader.Child(front, "audience")!), $"audience 只能是“个人”或“企业”，现在是“{audience}”");
        }

        if (YamlReader.Scalar(front, "source", yaml) is null)
        {
            yaml.Error(1, "缺少 source：请写明编辑核对内容的出处（官网栏目、热线）");
        }

        var summary = YamlReader.Scalar(front, "summary", yaml);
        if (summary is null)
        {
            yaml.Warning(1, "缺少 summary：用一句话写这个事项是办什么的。只问事项名称或点热门事项按钮时，小申的概述以它开头");
        }

        var effective = YamlReader.Date(front, "effective", yaml);
        var expires = YamlReader.Date(front, "expires", yaml);
        if (effective is not null && expires is not null && expires < effective)
        {
            yaml.Error(YamlReader.LineOf(YamlReader.Child(front, "expires")!), "expires 早于 effective");
        }

        var (sections, faqs) = ParseBody(body, id ?? "?", md);
        if (id is null || name is null || audience is null || department is null)
        {
            return null;
        }

        return new Matter
        {
            Id = id,
            Name = name,
            Aliases = YamlReader.ScalarList(front, "aliases", yaml),
            Audience = audience,
            Department = department,
            Summary = summary,
            DepartmentLine = YamlReader.LineOf(YamlReader.Child(front, "department")!) + 1,
            Entry = ParseEntry(front, yaml),
            LegalTimeLimit = Nested(front, "time_limit", "legal", yaml),
            PromisedTimeLimit = Nested(front, "time_limit", "promised", yaml),
            Fee = YamlReader.Scalar(front, "fee", yaml),
            Updated = YamlReader.Date(front, "updated", yaml),
            Effective = effective,
            Expires = expires,
            Source = YamlReader.Scalar(front, "source", yaml),
            HumanOnly = string.Equals(YamlReader.Scalar(front, "human_only", yaml), "true", StringComparison.OrdinalIgnoreCase),
            Sections = sections,
            Faqs = faqs,
            File = file,
            PreReview = PreReviewParser.Parse(front, yaml),
        };
    }

    private static string? Required(YamlMappingNode front, string key, ProblemList problems)
    {
        var value = YamlReader.Scalar(front, key, problems);
        if (value is null)
        {
            problems.Error(1, $"缺少必填字段 {key}");
        }

        return value;
    }

    private static string? Nested(YamlMappingNode front, string key, string inner, ProblemList problems) =>
        YamlReader.Child(front, key) is YamlMappingNode map ? YamlReader.Scalar(map, inner, problems) : null;

    private static OnlineEntry? ParseEntry(YamlMappingNode front, ProblemList problems)
    {
        var node = YamlReader.Child(front, "entry");
        if (node is not YamlMappingNode map)
        {
            return null;
        }

        YamlReader.WarnUnknownKeys(map, ["name", "search", "url", "url_source"], problems);
        var name = YamlReader.Scalar(map, "name", problems);
        var url = YamlReader.Scalar(map, "url", problems);
        var source = YamlReader.Scalar(map, "url_source", problems);
        var line = YamlReader.LineOf(map);
        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
        {
            problems.Error(YamlReader.LineOf(YamlReader.Child(map, "url")!), $"entry.url “{url}”不是有效的网址（应以 https:// 开头）");
        }
        else if (url is not null && OnlineEntry.IsHomePage(url))
        {
            problems.Warning(YamlReader.LineOf(YamlReader.Child(map, "url")!), $"entry.url “{url}”是网站首页，不是这个事项的办事页面，“在线办理”不会用它：请写事项自己的页面（并写 url_source 出处），或删去 url，只写 search");
        }
        else if (url is not null && source is null)
        {
            problems.Warning(YamlReader.LineOf(YamlReader.Child(map, "url")!), "entry.url 没有写出处：请在 url_source 写明这个链接是在哪里找到的，方便以后核对");
        }

        if (name is null)
        {
            problems.Error(line, "entry 需要 name：网上办理的路径（例如 随申办App 搜索“居住证积分”）");
        }

        return name is null ? null : new OnlineEntry(name, url, YamlReader.Scalar(map, "search", problems), source);
    }

    private static (Dictionary<SectionKind, MatterSection> Sections, List<Faq> Faqs) ParseBody(string body, string matterId, ProblemList problems)
    {
        var document = Markdown.Parse(body, Pipeline);
        var sections = new Dictionary<SectionKind, MatterSection>();
        var faqs = new List<Faq>();
        var blocks = document.ToList();

        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i] is not HeadingBlock { Level: 2 } heading)
            {
                continue;
            }

            var title = HeadingText(heading, body);
            var line = heading.Line + 1;
            var end = NextIndex(blocks, i + 1, b => b is HeadingBlock { Level: <= 2 });
            if (!SectionTitles.TryParse(title, out var kind))
            {
                problems.Error(line, $"不认识的章节“{title}”（应为：{string.Join("、", SectionTitles.Required.Select(SectionTitles.TitleOf))}）");
                continue;
            }

            if (sections.ContainsKey(kind) || (kind == SectionKind.Faq && faqs.Count > 0))
            {
                problems.Error(line, $"章节“{title}”重复出现");
                continue;
            }

            if (kind == SectionKind.Faq)
            {
                ParseFaqs(blocks[(i + 1)..end], body, matterId, faqs, problems);
                sections[kind] = new MatterSection(kind, string.Empty, line);
                continue;
            }

            var markdown = Slice(body, blocks[(i + 1)..end]);
            if (markdown.Length == 0)
            {
                problems.Error(line, $"章节“{title}”是空的");
            }

            sections[kind] = new MatterSection(kind, markdown, line);
        }

        foreach (var kind in SectionTitles.Required.Where(k => !sections.ContainsKey(k)))
        {
            problems.Error(0, $"缺少必需的章节“## {SectionTitles.TitleOf(kind)}”");
        }

        if (sections.ContainsKey(SectionKind.Faq) && faqs.Count == 0)
        {
            problems.Error(sections[SectionKind.Faq].Line, "“常见问题”下没有问题（每个问题以“### 问题”开头）");
        }

        sections.Remove(SectionKind.Faq);
        return (sections, faqs);
    }

    private static void ParseFaqs(List<Block> blocks, string body, string matterId, List<Faq> faqs, ProblemList problems)
    {
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i] is not HeadingBlock { Level: 3 } heading)
            {
                if (i == 0 || blocks[i] is HeadingBlock)
                {
                    problems.Error(blocks[i].Line + 1, "“常见问题”下的每个问题都要以“### ”开头");
                }

                continue;
            }

            var end = NextIndex(blocks, i + 1, b => b is HeadingBlock);
            var question = HeadingText(heading, body);
            var line = heading.Line + 1;
            var alternatives = new List<string>();
            var followUps = new List<string>();
            var answer = new List<string>();
            var followUpLine = 0;

            foreach (var block in blocks[(i + 1)..end])
            {
                var source = Slice(body, [block]);
                if (block is not ParagraphBlock)
                {
                    answer.Add(source);
                    continue;
                }

                var rest = new List<string>();
                var lineInBlock = block.Line;
                foreach (var raw in source.Split('\n'))
                {
                    lineInBlock++;
                    var text = raw.Trim();
                    if (StripPrefix(text, AlternativesPrefixes) is { } alts)
                    {
                        alternatives.AddRange(Split(alts, AlternativeSeparators));
                    }
                    else if (StripPrefix(text, FollowUpPrefixes) is { } refs)
                    {
                        followUpLine = followUpLine == 0 ? lineInBlock : followUpLine;
                        followUps.AddRange(Split(refs, FollowUpSeparators).Select(r => r.StartsWith('#') ? matterId + r : r));
                    }
                    else
                    {
                        rest.Add(raw);
                    }
                }

                if (rest.Count > 0)
                {
                    answer.Add(string.Join('\n', rest).Trim());
                }
            }

            var answerText = string.Join("\n\n", answer.Where(a => a.Length > 0));
            if (question.Length == 0)
            {
                problems.Error(line, "问题标题是空的");
            }

            if (answerText.Length == 0)
            {
                problems.Error(line, $"问题“{question}”没有答案");
            }

            if (alternatives.Count < 2)
            {
                problems.Warning(line, $"问题“{question}”的“也问”少于 2 种说法，市民换个问法可能就找不到了");
            }

            faqs.Add(new Faq(matterId, faqs.Count + 1, question, alternatives, answerText, followUps, line, problems.LineInFile(followUpLine)));
            i = end - 1;
        }
    }

    private static string? StripPrefix(string text, string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal))
            {
                return text[prefix.Length..];
            }
        }

        return null;
    }

    private static IEnumerable<string> Split(string text, char[] separators) =>
        text.Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static int NextIndex(List<Block> blocks, int from, Func<Block, bool> predicate)
    {
        for (var i = from; i < blocks.Count; i++)
        {
            if (predicate(blocks[i]))
            {
                return i;
            }
        }

        return blocks.Count;
    }

    private static string HeadingText(HeadingBlock heading, string body)
    {
        var source = body.Substring(heading.Span.Start, heading.Span.Length);
        return source.TrimStart('#').Trim().TrimEnd('#').Trim();
    }

    private static string Slice(string body, IReadOnlyList<Block> blocks)
    {
        if (blocks.Count == 0)
        {
            return string.Empty;
        }

        var start = blocks[0].Span.Start;
        var end = blocks[^1].Span.End;
        return body.Substring(start, end - start + 1).Trim();
    }
}
