namespace Xiaoshen.Knowledge.Content;

/// <summary>Parses <c>synonyms.txt</c> in Solr format: <c>a,b,c</c> (all equal to a) or <c>x,y =&gt; z</c>; <c>#</c> starts a comment.</summary>
internal static class SynonymParser
{
    public static List<SynonymRule> Parse(string text, ProblemList problems)
    {
        var rules = new List<SynonymRule>();
        var targets = new Dictionary<string, (string To, int Line)>(StringComparer.Ordinal);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var lineNumber = i + 1;
            var line = StripComment(lines[i]).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var rule = ParseLine(line, lineNumber, problems);
            if (rule is null)
            {
                continue;
            }

            foreach (var from in rule.From)
            {
                if (targets.TryGetValue(from, out var existing) && existing.To != rule.To)
                {
                    problems.Error(lineNumber, $"“{from}”已在第 {existing.Line} 行对应到“{existing.To}”，这里又对应到“{rule.To}”");
                }
                else
                {
                    targets[from] = (rule.To, lineNumber);
                }
            }

            rules.Add(rule);
        }

        return rules;
    }

    private static SynonymRule? ParseLine(string line, int lineNumber, ProblemList problems)
    {
        var parts = line.Split("=>");
        if (parts.Length > 2)
        {
            problems.Error(lineNumber, "一行只能有一个“=>”");
            return null;
        }

        var left = Terms(parts[0]);
        if (left is null)
        {
            problems.Error(lineNumber, "有空的词（检查是否多了逗号）");
            return null;
        }

        if (parts.Length == 2)
        {
            var right = Terms(parts[1]);
            if (right is null || right.Count != 1)
            {
                problems.Error(lineNumber, "“=>”右边应是一个正式用语");
                return null;
            }

            return new SynonymRule(left, right[0], lineNumber);
        }

        if (left.Count < 2)
        {
            problems.Error(lineNumber, "同义词行至少要有两个词（用逗号分隔），或写成“口语 => 正式用语”");
            return null;
        }

        return new SynonymRule(left.Skip(1).ToArray(), left[0], lineNumber);
    }

    private static List<string>? Terms(string text)
    {
        var terms = text.Split([',', '，']).Select(t => t.Trim()).ToList();
        return terms.Count == 0 || terms.Exists(t => t.Length == 0) ? null : terms;
    }

    private static string StripComment(string line)
    {
        var hash = line.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? line : line[..hash];
    }
}
