namespace Xiaoshen.Knowledge.Content;

/// <summary>Parses <c>out-of-scope.yaml</c>: <c>topics</c>, each with <c>topic</c> and <c>phrasings</c>.</summary>
internal static class OutOfScopeParser
{
    public static IReadOnlyList<OutOfScopeTopic> Parse(string text, ProblemList problems)
    {
        var root = YamlReader.ParseMapping(text, problems);
        if (root is null)
        {
            return [];
        }

        YamlReader.WarnUnknownKeys(root, ["topics"], problems);
        var topics = new List<OutOfScopeTopic>();
        foreach (var map in YamlReader.Mappings(root, "topics", "topic、phrasings", problems))
        {
            var topic = YamlReader.Scalar(map, "topic", problems);
            var phrasings = YamlReader.ScalarList(map, "phrasings", problems);
            if (topic is null || phrasings.Count == 0)
            {
                problems.Error(YamlReader.LineOf(map), $"话题“{topic ?? "?"}”需要 topic 和至少一个 phrasings");
                continue;
            }

            topics.Add(new OutOfScopeTopic(topic, phrasings, YamlReader.LineOf(map)));
        }

        return topics;
    }
}
