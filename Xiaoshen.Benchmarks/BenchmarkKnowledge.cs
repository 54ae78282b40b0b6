using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xiaoshen.Knowledge;
using Xiaoshen.Knowledge.Content;
using Xiaoshen.Knowledge.Evaluation;
using Xiaoshen.Knowledge.Indexing;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Benchmarks;

/// <summary>Loads the bundled knowledge base and builds real indexes for the benchmarks, optionally scaled up synthetically.</summary>
internal static class BenchmarkKnowledge
{
    /// <summary>Colloquial questions of every decision kind, as citizens type them.</summary>
    public static readonly string[] Questions =
    [
        "退休了公积金怎么取出来",
        "社保卡丢了怎么补办",
        "公基金租房能提吗",
        "营业执招怎么变更法人",
        "居住证积分要什么条件",
        "那要带什么材料",
        "深圳公积金怎么提取",
        "转人工",
        "你好",
        "我下个月退休，公积金里的钱能一次性拿出来吗，要去窗口吗",
        "洛阳港澳通行证续签在哪办",
        "不是港澳通行证，我要办护照",
        "退修了公积金怎么取",
        "银行卡密码忘了怎么办",
    ];

    public static KnowledgeBase Load()
    {
        var root = FindContent();
        var result = ContentLoader.Load(root, DateOnly.FromDateTime(DateTime.Today));
        return result.Knowledge ?? throw new InvalidOperationException($"knowledge base at {root} is invalid: {string.Join("; ", result.Errors.Take(3))}");
    }

    /// <summary>The bundled content repeated <paramref name="factor"/> times, each copy a distinct matter with varied names.</summary>
    public static KnowledgeBase Scale(KnowledgeBase knowledge, int factor)
    {
        if (factor == 1)
        {
            return knowledge;
        }

        var matters = new Dictionary<string, Matter>(StringComparer.Ordinal);
        foreach (var matter in knowledge.Matters.Values)
        {
            for (var copy = 0; copy < factor; copy++)
            {
                var id = copy == 0 ? matter.Id : $"{matter.Id}~{copy}";
                var tag = copy == 0 ? string.Empty : $"（{copy}号分区）";
                matters[id] = matter with
                {
                    Id = id,
                    Name = matter.Name + tag,
                    Faqs = matter.Faqs.Select(f => f with { MatterId = id, Question = f.Question + tag }).ToList(),
                };
            }
        }

        return knowledge with { Matters = matters, ContentHash = $"{knowledge.ContentHash}x{factor}" };
    }

    /// <summary>Builds <paramref name="knowledge"/> into <paramref name="folder"/> and returns a search serving it with the given calibration.</summary>
    public static KnowledgeSearch Open(KnowledgeBase knowledge, string folder, Calibration calibration)
    {
        var documents = KnowledgeIndexer.WriteIndex(knowledge, folder);
        var build = new IndexBuild
        {
            Id = "benchmark",
            ContentHash = knowledge.ContentHash,
            CreatedAt = DateTimeOffset.UtcNow,
            Matters = knowledge.Matters.Count,
            Faqs = knowledge.FaqCount,
            Documents = documents,
            Calibration = calibration,
        };
        var search = new KnowledgeSearch(TimeProvider.System);
        search.Swap(KnowledgeSnapshot.Open(knowledge, build, folder));
        return search;
    }

    /// <summary>
    /// Builds the bundled content as the service does (index, trained models, calibration) into <paramref name="folder"/>
    /// and returns a search serving it; the build logs to <paramref name="logger"/> when given.
    /// </summary>
    public static async Task<KnowledgeSearch> BuildAsync(string folder, ILogger<KnowledgeIndexer>? logger = null)
    {
        var options = Options.Create(new KnowledgeOptions { ContentPath = FindContent(), IndexPath = folder, WatchContent = false });
        var search = new KnowledgeSearch(TimeProvider.System);
        var indexer = new KnowledgeIndexer(options, search, TimeProvider.System, logger ?? NullLogger<KnowledgeIndexer>.Instance);
        var result = await indexer.RefreshAsync(force: true);
        return result.IsValid ? search : throw new InvalidOperationException($"knowledge base is invalid: {string.Join("; ", result.Errors.Take(3))}");
    }

    public static string TempFolder(string name) =>
        Path.Combine(Path.GetTempPath(), "xiaoshen-bench", name + "-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The questions of an eval set of the bundled content (<c>knowledge-base/eval/</c>), in file order.</summary>
    public static IReadOnlyList<string> EvalQuestions(string set) =>
        EvalQuestionReader.ReadAsync(Path.Combine(FindContent(), "eval", set)).GetAwaiter().GetResult().Select(q => q.Question).ToList();

    public static string FindContent()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "knowledge-base");
            if (Directory.Exists(Path.Combine(candidate, "matters")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("knowledge-base folder not found above " + AppContext.BaseDirectory);
    }
}
