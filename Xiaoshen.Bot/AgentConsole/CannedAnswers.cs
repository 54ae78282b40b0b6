using Microsoft.Extensions.Options;
using Xiaoshen.Knowledge;
using YamlDotNet.RepresentationModel;

namespace Xiaoshen.Bot.AgentConsole;

/// <summary>A canned answer agents insert with one click.</summary>
public sealed record CannedAnswer(string Title, string Text);

/// <summary>
/// Canned answers per department from the content folder (<c>canned-answers.yaml</c>: department id → list of title/text;
/// <c>all</c> for everyone). Read when asked, so editors' changes show at once; a broken file is reported, not thrown.
/// </summary>
public sealed partial class CannedAnswers(IOptions<KnowledgeOptions> knowledge, IOptions<AgentConsoleOptions> options, ILogger<CannedAnswers> logger)
{
    public const string Everyone = "all";

    /// <summary>The answers for <paramref name="departmentIds"/> plus everyone's, and the problem with the file if any.</summary>
    public (IReadOnlyList<CannedAnswer> Answers, string? Problem) For(IEnumerable<string> departmentIds)
    {
        var path = Path.Combine(knowledge.Value.ContentPath, options.Value.CannedAnswersFile);
        if (!File.Exists(path))
        {
            return ([], null);
        }

        try
        {
            using var reader = new StreamReader(path);
            var yaml = new YamlStream();
            yaml.Load(reader);
            if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
            {
                return ([], $"{options.Value.CannedAnswersFile}:1");
            }

            var wanted = new HashSet<string>(departmentIds.Append(Everyone), StringComparer.Ordinal);
            var answers = new List<CannedAnswer>();
            foreach (var (key, value) in root.Children)
            {
                if (key is YamlScalarNode { Value: { } department } && wanted.Contains(department) && value is YamlSequenceNode items)
                {
                    answers.AddRange(items.OfType<YamlMappingNode>().Select(Read).Where(a => a.Text.Length > 0));
                }
            }

            return (answers, null);
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            LogBroken(ex.Start.Line);
            return ([], $"{options.Value.CannedAnswersFile}:{ex.Start.Line}");
        }
    }

    private static CannedAnswer Read(YamlMappingNode node)
    {
        string Get(string name) => node.Children.TryGetValue(new YamlScalarNode(name), out var v) && v is YamlScalarNode { Value: { } s } ? s.Trim() : string.Empty;
        return new CannedAnswer(Get("title"), Get("text"));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The canned answers file is not valid YAML at line {Line}; agents see none until it is fixed")]
    private partial void LogBroken(long line);
}
