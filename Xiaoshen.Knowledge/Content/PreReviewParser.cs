using YamlDotNet.RepresentationModel;

namespace Xiaoshen.Knowledge.Content;

/// <summary>
/// Parses and checks the <c>prereview</c> section of a matter's front matter (issue 16): documents with their keywords
/// and visible fields, and rules that refer to them. Every problem is reported with its line; a section with errors
/// yields no checklist.
/// </summary>
internal static class PreReviewParser
{
    public const string Key = "prereview";

    private static readonly string[] SectionKeys = ["notice", "documents", "rules"];
    private static readonly string[] DocumentKeys = ["name", "keywords", "visible", "photo", "optional"];

    // Fields a name comparison can look at, and fields whose form can be checked.
    private static readonly PreReviewField[] NameFields = [PreReviewField.Name, PreReviewField.PersonName, PreReviewField.LegalRepresentative];
    private static readonly PreReviewField[] NumberFields = [PreReviewField.CreditCode, PreReviewField.LicenceNumber, PreReviewField.IdNumber];

    /// <summary>The checklist, or null when the matter has none or it has errors (reported to <paramref name="problems"/>).</summary>
    public static PreReviewChecklist? Parse(YamlMappingNode front, ProblemList problems)
    {
        if (YamlReader.Child(front, Key) is not { } node)
        {
            return null;
        }

        if (node is not YamlMappingNode section)
        {
            problems.Error(YamlReader.LineOf(node), "prereview 应包含 documents（要拍照的材料）和 rules（检查规则）");
            return null;
        }

        var errors = problems.Problems.Count(p => p.Severity == ProblemSeverity.Error);
        YamlReader.WarnUnknownKeys(section, SectionKeys, problems);
        var documents = YamlReader.Mappings(section, "documents", "name、keywords、visible", problems).Select(d => Document(d, problems)).OfType<PreReviewDocument>().ToList();
        if (documents.Count == 0)
        {
            problems.Error(YamlReader.LineOf(section), "prereview 至少要列出一份材料（documents）");
        }

        foreach (var duplicate in documents.GroupBy(d => d.Name).Where(g => g.Count() > 1))
        {
            problems.Error(YamlReader.LineOf(section), $"prereview 的材料“{duplicate.Key}”重复出现");
        }

        var rules = Rules(section, documents, problems);
        var notice = YamlReader.Scalar(section, "notice", problems);
        return problems.Problems.Count(p => p.Severity == ProblemSeverity.Error) > errors ? null : new PreReviewChecklist(documents, rules, notice);
    }

    private static PreReviewDocument? Document(YamlMappingNode map, ProblemList problems)
    {
        YamlReader.WarnUnknownKeys(map, DocumentKeys, problems);
        var line = YamlReader.LineOf(map);
        var name = YamlReader.Scalar(map, "name", problems);
        var keywords = YamlReader.ScalarList(map, "keywords", problems);
        var visible = new List<PreReviewField>();
        foreach (var title in YamlReader.ScalarList(map, "visible", problems))
        {
            if (FieldOf(title) is { } field)
            {
                visible.Add(field);
            }
            else
            {
                problems.Error(line, $"材料“{name}”的 visible 里“{title}”不认识（可用：{string.Join("、", PreReviewChecklist.FieldTitles.Values)}）");
            }
        }

        if (name is null)
        {
            problems.Error(line, "prereview 的每份材料都要有 name（材料名称）");
            return null;
        }

        if (keywords.Count == 0)
        {
            problems.Error(line, $"材料“{name}”需要 keywords：材料上印着的、能认出它的词（如 营业执照、统一社会信用代码）");
        }

        if (visible.Count == 0)
        {
            problems.Error(line, $"材料“{name}”需要 visible：照片上必须看得清的内容（如 名称、有效期、印章）");
        }

        var optional = YamlReader.Scalar(map, "optional", problems);
        return new PreReviewDocument(name, keywords, visible, YamlReader.Scalar(map, "photo", problems), string.Equals(optional, "true", StringComparison.OrdinalIgnoreCase));
    }

    // Each rule is a one-key mapping: 未过期: [营业执照, 食品经营许可证], 名称一致: [营业执照.名称, 食品经营许可证.名称].
    private static List<PreReviewRule> Rules(YamlMappingNode section, List<PreReviewDocument> documents, ProblemList problems)
    {
        var rules = new List<PreReviewRule>();
        foreach (var map in YamlReader.Mappings(section, "rules", "一条规则（如 未过期: [营业执照]）", problems))
        {
            var line = YamlReader.LineOf(map);
            if (map.Children.Count != 1 || map.Children.Keys.Single() is not YamlScalarNode { Value: { } title })
            {
                problems.Error(line, "每条规则写成“规则: [材料, …]”，一行一条");
                continue;
            }

            var kind = PreReviewChecklist.RuleTitles.FirstOrDefault(r => r.Value == title).Key;
            if (!PreReviewChecklist.RuleTitles.ContainsKey(kind) || PreReviewChecklist.RuleTitles[kind] != title)
            {
                problems.Error(line, $"不认识的规则“{title}”（可用：{string.Join("、", PreReviewChecklist.RuleTitles.Values)}）");
                continue;
            }

            // A target that is wrong is reported by Target; the counts below are about what the editor wrote, so one
            // mistake gives one error.
            var written = YamlReader.ScalarList(map, title, problems);
            var targets = written.Select(t => Target(t, kind, documents, line, problems)).OfType<PreReviewTarget>().ToList();
            if (kind == PreReviewRuleKind.NamesMatch && written.Count < 2)
            {
                problems.Error(line, "“名称一致”至少要比较两处，写成 材料.字段（如 营业执照.名称）");
            }
            else if (written.Count == 0)
            {
                problems.Error(line, $"规则“{title}”没有写检查哪些材料");
            }

            rules.Add(new PreReviewRule(kind, targets));
        }

        return rules;
    }

    private static PreReviewTarget? Target(string text, PreReviewRuleKind kind, List<PreReviewDocument> documents, int line, ProblemList problems)
    {
        var dot = text.LastIndexOf('.');
        var name = dot < 0 ? text : text[..dot];
        var document = documents.FirstOrDefault(d => d.Name == name);
        if (document is null)
        {
            problems.Error(line, $"规则里的“{name}”不是本事项 prereview 列出的材料");
            return null;
        }

        PreReviewField? field = dot < 0 ? null : FieldOf(text[(dot + 1)..]);
        if (dot >= 0 && field is null)
        {
            problems.Error(line, $"“{text}”里的字段不认识（可用：{string.Join("、", PreReviewChecklist.FieldTitles.Values)}）");
            return null;
        }

        // What the rule needs must be asked to be visible on the document, or the check could never run.
        PreReviewField[] needs = kind switch
        {
            PreReviewRuleKind.NotExpired => [PreReviewField.ValidUntil],
            PreReviewRuleKind.IdChecksum => [PreReviewField.IdNumber],
            PreReviewRuleKind.NumberFormat => NumberFields,
            _ => field is { } f && NameFields.Contains(f) ? [f] : NameFields,
        };
        if (kind == PreReviewRuleKind.NamesMatch && (field is null || !NameFields.Contains(field.Value)))
        {
            problems.Error(line, $"“名称一致”要写成 材料.字段，字段是 名称、姓名 或 法定代表人（现在是“{text}”）");
            return null;
        }

        if (!needs.Any(document.Visible.Contains))
        {
            problems.Error(line, $"规则“{PreReviewChecklist.RuleTitles[kind]}”要看“{name}”的{string.Join("或", needs.Select(n => PreReviewChecklist.FieldTitles[n]))}，但它的 visible 里没有");
            return null;
        }

        return new PreReviewTarget(name, field);
    }

    private static PreReviewField? FieldOf(string title)
    {
        foreach (var (field, name) in PreReviewChecklist.FieldTitles)
        {
            if (name == title.Trim())
            {
                return field;
            }
        }

        return null;
    }
}
