using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Xiaoshen.Knowledge.Content;

/// <summary>Reads YAML with YamlDotNet's representation model so every value keeps its line for error messages.</summary>
internal static class YamlReader
{
    /// <summary>Parses a YAML document; reports syntax errors with their line and returns null.</summary>
    public static YamlMappingNode? ParseMapping(string text, ProblemList problems)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                problems.Error(1, "YAML 内容应是“键: 值”的映射");
                return null;
            }

            return root;
        }
        catch (YamlException ex)
        {
            problems.Error((int)ex.Start.Line, $"YAML 格式错误：{FirstLine(ex.Message)}");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (without a position) on some unterminated flow collections such as "[个人".
            problems.Error(1, "YAML 格式错误：有未闭合的方括号、花括号或引号");
            return null;
        }
    }

    public static int LineOf(YamlNode node) => (int)node.Start.Line;

    public static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>A scalar value, or null when absent or empty; reports a wrong node type.</summary>
    public static string? Scalar(YamlMappingNode map, string key, ProblemList problems)
    {
        var node = Child(map, key);
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode scalar:
                return string.IsNullOrWhiteSpace(scalar.Value) ? null : scalar.Value.Trim();
            default:
                problems.Error(LineOf(node), $"“{key}”应是一个值，而不是列表或映射");
                return null;
        }
    }

    /// <summary>A list of scalars (a single scalar counts as a list of one).</summary>
    public static IReadOnlyList<string> ScalarList(YamlMappingNode map, string key, ProblemList problems)
    {
        var node = Child(map, key);
        switch (node)
        {
            case null:
                return [];
            case YamlScalarNode scalar:
                return string.IsNullOrWhiteSpace(scalar.Value) ? [] : [scalar.Value.Trim()];
            case YamlSequenceNode seq:
                var list = new List<string>();
                foreach (var item in seq.Children)
                {
                    if (item is YamlScalarNode s && !string.IsNullOrWhiteSpace(s.Value))
                    {
                        list.Add(s.Value.Trim());
                    }
                    else
                    {
                        problems.Error(LineOf(item), $"“{key}”的每一项都应是非空文字");
                    }
                }

                return list;
            default:
                problems.Error(LineOf(node), $"“{key}”应是列表");
                return [];
        }
    }

    /// <summary>A date in yyyy-MM-dd form; reports malformed dates.</summary>
    public static DateOnly? Date(YamlMappingNode map, string key, ProblemList problems)
    {
        var text = Scalar(map, key, problems);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", out var date))
        {
            return date;
        }

        problems.Error(LineOf(Child(map, key)!), $"“{key}”的日期“{text}”格式不对，应写成 2026-01-31 这样的 年-月-日");
        return null;
    }

    /// <summary>The mappings of the list under <paramref name="key"/>; reports a non-list and every item that is not a mapping.</summary>
    public static IEnumerable<YamlMappingNode> Mappings(YamlMappingNode root, string key, string itemHint, ProblemList problems)
    {
        switch (Child(root, key))
        {
            case null:
                yield break;
            case YamlSequenceNode seq:
                foreach (var node in seq.Children)
                {
                    if (node is YamlMappingNode map)
                    {
                        yield return map;
                    }
                    else
                    {
                        problems.Error(LineOf(node), $"{key} 的每一项都应包含 {itemHint}");
                    }
                }

                break;
            case var other:
                problems.Error(LineOf(other), $"{key} 应是列表");
                break;
        }
    }

    public static void WarnUnknownKeys(YamlMappingNode map, IReadOnlyCollection<string> known, ProblemList problems)
    {
        foreach (var key in map.Children.Keys)
        {
            if (key is YamlScalarNode s && s.Value is not null && !known.Contains(s.Value))
            {
                problems.Warning(LineOf(key), $"不认识的字段“{s.Value}”，已忽略（可用字段：{string.Join("、", known)}）");
            }
        }
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
