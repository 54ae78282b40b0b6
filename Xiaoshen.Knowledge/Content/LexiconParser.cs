using YamlDotNet.RepresentationModel;

namespace Xiaoshen.Knowledge.Content;

/// <summary>Parses <c>chitchat.yaml</c>: <c>intents</c>, <c>human</c> phrases, <c>sections</c> cue words and the other lists.</summary>
internal static class LexiconParser
{
    public static ConversationLexicon Parse(string text, ProblemList problems)
    {
        var root = YamlReader.ParseMapping(text, problems);
        if (root is null)
        {
            return ConversationLexicon.Empty;
        }

        YamlReader.WarnUnknownKeys(root, ["intents", "human", "sections", "other_places", "cross_region", "frustration", "overview", "amounts", "how", "definition", "difference", "frequency", "deadlines", "waits", "durations", "periods", "validity", "not_asking", "money_names", "progress", "penalties", "padding", "openers", "asking_words", "paragraph_sections", "in_person", "setbacks", "questions", "stages", "sections_stage"], problems);
        var human = YamlReader.ScalarList(root, "human", problems);
        if (human.Count == 0)
        {
            problems.Error(1, "缺少 human：市民要求转人工时的说法（例如 转人工、人工客服）");
        }

        return new ConversationLexicon(
            ParseIntents(root, problems),
            human,
            ParseSections(root, "sections", problems),
            YamlReader.ScalarList(root, "other_places", problems),
            YamlReader.ScalarList(root, "cross_region", problems),
            YamlReader.ScalarList(root, "frustration", problems))
        {
            OverviewPhrases = YamlReader.ScalarList(root, "overview", problems),
            AmountCues = YamlReader.ScalarList(root, "amounts", problems),
            HowPhrases = YamlReader.ScalarList(root, "how", problems),
            DefinitionPhrases = YamlReader.ScalarList(root, "definition", problems),
            DifferencePhrases = YamlReader.ScalarList(root, "difference", problems),
            FrequencyPhrases = YamlReader.ScalarList(root, "frequency", problems),
            DeadlinePhrases = YamlReader.ScalarList(root, "deadlines", problems),
            WaitPhrases = YamlReader.ScalarList(root, "waits", problems),
            PeriodPhrases = OptionalList(root, "periods", problems),
            ValidityPhrases = OptionalList(root, "validity", problems),
            NotAskingPhrases = OptionalList(root, "not_asking", problems),
            MoneyNameEndings = OptionalList(root, "money_names", problems),
            ProgressPhrases = OptionalList(root, "progress", problems),
            DurationPhrases = YamlReader.ScalarList(root, "durations", problems),
            PenaltyPhrases = YamlReader.ScalarList(root, "penalties", problems),
            Padding = YamlReader.ScalarList(root, "padding", problems),
            Openers = OptionalList(root, "openers", problems),
            AskingWords = OptionalList(root, "asking_words", problems),
            InPerson = OptionalList(root, "in_person", problems),
            Setbacks = OptionalList(root, "setbacks", problems),
            QuestionWords = OptionalList(root, "questions", problems),
            Stages = ParseStages(root, problems),
            SectionsStage = SectionsStage(root, problems),
            ParagraphCues = YamlReader.Child(root, "paragraph_sections") is null ? new Dictionary<SectionKind, IReadOnlyList<string>>() : ParseSections(root, "paragraph_sections", problems),
        };
    }

    // A list that older content folders do not have yet: empty when absent.
    private static IReadOnlyList<string> OptionalList(YamlMappingNode root, string key, ProblemList problems) =>
        YamlReader.Child(root, key) is null ? [] : YamlReader.ScalarList(root, key, problems);

    private static List<ChitchatIntent> ParseIntents(YamlMappingNode root, ProblemList problems)
    {
        var intents = new List<ChitchatIntent>();
        if (YamlReader.Child(root, "intents") is not YamlSequenceNode)
        {
            problems.Error(1, "缺少 intents 列表（问候、感谢、身份、告别等闲聊）");
            return intents;
        }

        foreach (var map in YamlReader.Mappings(root, "intents", "name、examples、answers", problems))
        {
            var name = YamlReader.Scalar(map, "name", problems);
            var examples = YamlReader.ScalarList(map, "examples", problems);
            var answers = YamlReader.ScalarList(map, "answers", problems);
            if (name is null || examples.Count == 0 || answers.Count == 0)
            {
                problems.Error(YamlReader.LineOf(map), $"闲聊“{name ?? "?"}”需要 name、至少一个 examples 和至少一个 answers");
                continue;
            }

            intents.Add(new ChitchatIntent(name, examples, answers));
        }

        return intents;
    }

    // The stages of a matter (新办: [设立, 注册], 注销: [注销, 不做了]): optional, as older content folders do not have them.
    private static Dictionary<string, IReadOnlyList<string>> ParseStages(YamlMappingNode root, ProblemList problems)
    {
        var stages = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        switch (YamlReader.Child(root, "stages"))
        {
            case null:
                return stages;
            case YamlMappingNode map:
                foreach (var (name, _) in map.Children)
                {
                    var title = (name as YamlScalarNode)?.Value ?? string.Empty;
                    stages[title] = YamlReader.ScalarList(map, title, problems);
                }

                return stages;
            case var other:
                problems.Error(YamlReader.LineOf(other), "stages 应该是“环节: [说法, 说法]”的形式，例如 注销: [注销, 不做了]");
                return stages;
        }
    }

    // The stage that a matter's sections describe unless they name another (新办); optional. It must be one of the stages.
    private static string? SectionsStage(YamlMappingNode root, ProblemList problems)
    {
        var stage = YamlReader.Child(root, "sections_stage") is null ? null : YamlReader.Scalar(root, "sections_stage", problems);
        if (stage is not null && !(YamlReader.Child(root, "stages") is YamlMappingNode stages && stages.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value == stage)))
        {
            problems.Warning(YamlReader.LineOf(YamlReader.Child(root, "sections_stage")!), $"sections_stage“{stage}”不是 stages 里的环节，已忽略");
            return null;
        }

        return stage;
    }

    private static Dictionary<SectionKind, IReadOnlyList<string>> ParseSections(YamlMappingNode root, string key, ProblemList problems)
    {
        var cues = new Dictionary<SectionKind, IReadOnlyList<string>>();
        if (YamlReader.Child(root, key) is not YamlMappingNode map)
        {
            problems.Error(1, $"缺少 {key}：追问某一章节时的提示词（例如 申请材料: [材料, 带什么]）");
            return cues;
        }

        foreach (var (name, _) in map.Children)
        {
            var title = (name as YamlScalarNode)?.Value ?? string.Empty;
            if (!SectionTitles.TryParse(title, out var kind) || kind == SectionKind.Faq)
            {
                problems.Error(YamlReader.LineOf(name), $"{key} 下不认识的章节“{title}”");
                continue;
            }

            cues[kind] = YamlReader.ScalarList(map, title, problems);
        }

        return cues;
    }
}
