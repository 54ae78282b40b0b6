using YamlDotNet.RepresentationModel;

namespace Xiaoshen.Knowledge.Content;

/// <summary>Parses <c>places.yaml</c> (see <see cref="PlaceLexicon"/>).</summary>
internal static class PlacesParser
{
    private static readonly string[] Keys =
        ["reply", "reply_abroad", "bridge_intro", "bridges", "abroad_matters", "short_forms", "abbreviations", "shanghai", "ambiguous", "words", "own_documents"];

    public static PlaceLexicon Parse(string text, ProblemList problems)
    {
        var root = YamlReader.ParseMapping(text, problems);
        if (root is null)
        {
            return PlaceLexicon.Empty;
        }

        YamlReader.WarnUnknownKeys(root, Keys, problems);
        var reply = Required(root, "reply", problems);
        var abroad = YamlReader.Scalar(root, "reply_abroad", problems) ?? reply;
        var abbreviations = Mapping(root, "abbreviations", problems);
        foreach (var (key, _) in abbreviations.Where(a => a.Key.Length != 1))
        {
            problems.Error(YamlReader.LineOf(YamlReader.Child(root, "abbreviations")!), $"abbreviations 里的“{key}”应是一个字");
        }

        return new PlaceLexicon(
            reply,
            abroad,
            YamlReader.Scalar(root, "bridge_intro", problems) ?? string.Empty,
            YamlReader.ScalarList(root, "bridges", problems),
            YamlReader.ScalarList(root, "abroad_matters", problems),
            Mapping(root, "short_forms", problems),
            abbreviations,
            YamlReader.ScalarList(root, "shanghai", problems),
            YamlReader.ScalarList(root, "ambiguous", problems))
        {
            Words = YamlReader.ScalarList(root, "words", problems),
            OwnDocuments = YamlReader.ScalarList(root, "own_documents", problems),
        };
    }

    private static string Required(YamlMappingNode root, string key, ProblemList problems)
    {
        var value = YamlReader.Scalar(root, key, problems);
        if (value is null)
        {
            problems.Error(1, $"缺少 {key}：问到外地时小申怎么回答（可以用 {PlaceLexicon.PlacePlaceholder} 代表提到的地方）");
        }

        return value ?? string.Empty;
    }

    private static Dictionary<string, string> Mapping(YamlMappingNode root, string key, ProblemList problems)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (YamlReader.Child(root, key))
        {
            case null:
                return result;
            case YamlMappingNode map:
                foreach (var (k, v) in map.Children)
                {
                    if (k is YamlScalarNode { Value: { Length: > 0 } name } && v is YamlScalarNode { Value: { Length: > 0 } place })
                    {
                        result[name.Trim()] = place.Trim();
                    }
                    else
                    {
                        problems.Error(YamlReader.LineOf(k), $"{key} 的每一项应写成“说法: 地方”");
                    }
                }

                return result;
            case var other:
                problems.Error(YamlReader.LineOf(other), $"{key} 应是“说法: 地方”的映射");
                return result;
        }
    }
}
