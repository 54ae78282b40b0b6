using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xiaoshen.Knowledge.Analysis;
using Xiaoshen.Knowledge.Content;
using Xiaoshen.Knowledge.Learning;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Knowledge.Indexing;

/// <summary>
/// Validates a content folder and builds it into a new index folder (<c>&lt;IndexPath&gt;/&lt;build id&gt;</c>) with its
/// calibration, then hands the build to <see cref="KnowledgeSearch"/>. A build never touches the folder being served.
/// Thread-safe: builds are serialised.
/// </summary>
public sealed partial class KnowledgeIndexer(
    IOptions<KnowledgeOptions> options,
    KnowledgeSearch search,
    TimeProvider timeProvider,
    ILogger<KnowledgeIndexer> logger)
{
    internal const string BuildFile = "build.json";
    internal const string ContentFile = "content.json";

    // How much of the content a warm-up builds. Compiling the hot paths fully takes repetition, not only one pass:
    // measured (docs/benchmarks.md, 2026-12-04), the first rebuild after a start took 19-20 s without a warm-up, 16-17 s
    // after one on 12 matters, 16-19 s on 25 and 14-16 s on 40 (7-8 s of warm-up on two cores).
    private const int WarmUpMatters = 40;

    private static readonly string WarmUpHash = new('0', 64);

    // A build folder without its build file, written to this recently, is a build under way (a build takes seconds).
    private static readonly TimeSpan UnfinishedBuildAge = TimeSpan.FromHours(1);

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly SemaphoreSlim _gate = new(1, 1);

    // Whether this indexer has built (not only reused) a build: then the build code is compiled and a warm-up is useless.
    private bool _built;

    // One candidate build at a time: each is a whole trained index, so editors' clicks in many tabs queue, not pile up.
    private readonly SemaphoreSlim _candidateGate = new(1, 1);

    internal KnowledgeSearch Search => search;

    /// <summary>Problems of the last build attempt (empty when it succeeded without warnings).</summary>
    public IReadOnlyList<ContentProblem> LastProblems { get; private set; } = [];

    /// <summary>When the last attempt failed, what went wrong; null after a success.</summary>
    public string? LastFailure { get; private set; }

    /// <summary>
    /// Loads content and, if it is valid and differs from the build being served, builds, calibrates and swaps it in.
    /// Returns the problems found; on errors the current build keeps serving.
    /// </summary>
    /// <param name="force">Rebuild even when the content hash matches the current or a stored build.</param>
    /// <param name="cancellationToken">Cancels the build.</param>
    public async Task<ContentLoadResult> RefreshAsync(bool force = false, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var contentPath = options.Value.ContentPath;
            var loaded = ContentLoader.Load(contentPath, Today());
            LastProblems = loaded.Problems;
            if (loaded.Knowledge is not { } knowledge)
            {
                var errors = loaded.Errors.ToList();
                // Logged when the content turns invalid or its errors change, not at every periodic check while it stays so.
                var failure = $"{errors.Count} content error(s); first: {errors[0]}";
                if (failure != LastFailure)
                {
                    LogInvalidContent(errors.Count, errors[0].ToString());
                }

                LastFailure = failure;
                if (!search.IsReady && OpenLatestStored() is { } stored)
                {
                    search.Swap(stored);
                    LogServingStored(stored.Build.Id);
                }

                return loaded;
            }

            LastFailure = null;
            if (!force && search.CurrentSnapshot?.Build is { } current && current.ContentHash == knowledge.ContentHash && current.Engine == IndexBuild.CurrentEngine)
            {
                return loaded;
            }

            KnowledgeSnapshot? reused;
            KnowledgeSnapshot snapshot;
            try
            {
                reused = force ? null : OpenStored(knowledge.ContentHash);
                snapshot = reused ?? await BuildAsync(knowledge, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Valid content that could not be built (a full disk, an unwritable index folder) is not being served:
                // health must say so until a later build succeeds, or editors' changes silently never arrive.
                LastFailure = $"the build of content {knowledge.ContentHash[..12]} failed: {ex.GetType().Name}: {ex.Message}";
                throw;
            }

            search.Swap(snapshot);
            Prune(snapshot.Folder);
            LogSwapped(snapshot.Build.Id, snapshot.Build.Matters, snapshot.Build.Faqs, reused is not null);
            return loaded;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Serves the most recent stored build whatever content it was made from (for <c>kb train</c>'s "before" figures).
    /// Returns false when there is none.
    /// </summary>
    public async Task<bool> ServeLatestStoredAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (OpenLatestStored() is not { } stored)
            {
                return false;
            }

            search.Swap(stored);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Opens the newest stored build other than the one serving (the build an edit replaced) as a search of its own, to
    /// compare its decisions with the serving build's. Returns null when there is none. The caller disposes the search
    /// soon: a later rebuild may delete that build's folder.
    /// </summary>
    public KnowledgeSearch? OpenPreviousBuild()
    {
        var serving = search.CurrentSnapshot?.Folder;
        var previous = StoredBuilds().Where(b => b.Folder != serving && b.Build.Id != search.CurrentSnapshot?.Build.Id)
            .Select(b => TryOpen(b.Folder, b.Build)).FirstOrDefault(s => s is not null);
        if (previous is null)
        {
            return null;
        }

        var standalone = new KnowledgeSearch(timeProvider);
        standalone.Swap(previous);
        return standalone;
    }

    /// <summary>
    /// Builds the content folder as it is now into a temporary folder of its own (outside the index path, so it is never
    /// served, reused or pruned), trained and calibrated as a real build, to try questions against before it goes live.
    /// The result holds no search when the content has errors. Not serialised with <see cref="RefreshAsync"/>: the two
    /// write different folders. The caller disposes the result, which deletes the folder.
    /// </summary>
    public async Task<CandidateBuild> BuildCandidateAsync(CancellationToken cancellationToken = default)
    {
        var contentPath = options.Value.ContentPath;
        var loaded = ContentLoader.Load(contentPath, Today());
        if (loaded.Knowledge is not { } knowledge)
        {
            return new CandidateBuild(null, null, loaded.Problems);
        }

        var folder = Path.Combine(Path.GetTempPath(), "xiaoshen-candidate-" + Guid.NewGuid().ToString("N"));
        await _candidateGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var snapshot = await BuildAsync(knowledge, cancellationToken, folder).ConfigureAwait(false);
            var candidate = new KnowledgeSearch(timeProvider);
            candidate.Swap(snapshot);
            return new CandidateBuild(candidate, folder, loaded.Problems);
        }
        catch
        {
            CandidateBuild.DeleteFolder(folder);
            throw;
        }
        finally
        {
            _candidateGate.Release();
        }
    }

    /// <summary>
    /// How this indexer's warm-up folders in the temporary folder start: named after its index folder, so services (and
    /// tests) on one machine tell their own apart.
    /// </summary>
    internal string WarmUpFolderPrefix =>
        "xiaoshen-warm-up-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(options.Value.IndexPath))))[..12] + "-";

    /// <summary>
    /// Builds a slice of the served content (<see cref="WarmUpMatters"/> matters and their dev questions) into a temporary
    /// folder and deletes it, so that the build's own code (index writing, training, calibration) is compiled before an
    /// editor's first change. A service that starts on its stored build has compiled only the serving code, and its first
    /// rebuild took 18 s against 11 s for later ones (docs/benchmarks.md). Serialised with builds; does nothing before
    /// a build is served or once this indexer has built one (the code is compiled then).
    /// </summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var folder = Path.Combine(Path.GetTempPath(), WarmUpFolderPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            if (_built || search.CurrentSnapshot?.Knowledge is not { } served)
            {
                return;
            }

            var stopwatch = Stopwatch.StartNew();
            var kept = served.Matters.Keys.Order(StringComparer.Ordinal).Take(WarmUpMatters).ToHashSet(StringComparer.Ordinal);
            var slice = served with
            {
                Matters = served.Matters.Where(m => kept.Contains(m.Key)).ToDictionary(StringComparer.Ordinal),
                TrainingQuestions = served.TrainingQuestions.Where(q => q.MatterId is null || kept.Contains(q.MatterId)).ToList(),
                ContentHash = WarmUpHash,
            };
            using (await BuildAsync(slice, cancellationToken, folder, warmUp: true).ConfigureAwait(false))
            {
            }

            // Gone before it is reported done: whoever reads the log finds nothing of the warm-up left.
            CandidateBuild.DeleteFolder(folder);
            LogWarmedUp(kept.Count, stopwatch.ElapsedMilliseconds);
        }
        finally
        {
            CandidateBuild.DeleteFolder(folder);
            _gate.Release();
        }
    }

    /// <summary>Builds and calibrates <paramref name="knowledge"/> into a new folder; the result is not yet served.</summary>
    internal async Task<KnowledgeSnapshot> BuildAsync(KnowledgeBase knowledge, CancellationToken cancellationToken, string? target = null, bool warmUp = false)
    {
        var stopwatch = Stopwatch.StartNew();
        var steps = new BuildSteps(warmUp ? NullLogger.Instance : logger);
        var now = timeProvider.GetUtcNow();
        var id = IndexBuild.IdFor(knowledge.ContentHash, IndexBuild.CurrentEngine);
        var folder = target ?? FreeFolder(id);

        var documents = WriteIndex(knowledge, folder);
        steps.Done("write the index");
        var build = new IndexBuild
        {
            Id = id,
            ContentHash = knowledge.ContentHash,
            Engine = IndexBuild.CurrentEngine,
            CreatedAt = now,
            Matters = knowledge.Matters.Count,
            Faqs = knowledge.FaqCount,
            Documents = documents,
            Calibration = Calibration.Default,
        };

        // Train the matter, scope and fusion models on the content and the dev sets; they are stored in the build folder
        // beside the index, so a build is served, swapped and reused with its own models.
        var untrained = KnowledgeSnapshot.Open(knowledge, build, folder);
        KnowledgeSnapshot snapshot;
        try
        {
            steps.Done("open the index");
            var (calibration, models) = await Task.Run(() => BuildTrainer.Train(untrained, knowledge.TrainingQuestions, search, steps, cancellationToken), cancellationToken).ConfigureAwait(false);
            models.Save(folder);
            steps.Done("save the models");

            // The trained build takes over the untrained one's opened index and analysis.
            snapshot = untrained.With(calibration, models);
        }
        catch
        {
            untrained.Dispose();
            throw;
        }

        await File.WriteAllTextAsync(Path.Combine(folder, BuildFile), JsonSerializer.Serialize(snapshot.Build, Json), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(folder, ContentFile), JsonSerializer.Serialize(knowledge, Json), cancellationToken).ConfigureAwait(false);
        steps.Done("save the build");
        if (warmUp)
        {
            return snapshot;
        }

        // Only a build that got through training has compiled the build code; after one that failed, the warm-up still runs.
        _built = true;
        LogBuilt(id, documents, stopwatch.ElapsedMilliseconds, snapshot.Build.Calibration.Note);
        return snapshot;
    }

    /// <summary>Writes one Lucene document per name, alias, question phrasing, answer and section.</summary>
    internal static int WriteIndex(KnowledgeBase knowledge, string folder)
    {
        Directory.CreateDirectory(folder);
        using var preparer = new TextPreparer(knowledge.Synonyms);
        using var directory = Lucene.Net.Store.FSDirectory.Open(folder);
        using var analyzer = ChineseAnalyzerFactory.CreatePerField();
        var config = new IndexWriterConfig(ChineseAnalyzerFactory.Version, analyzer)
        {
            OpenMode = OpenMode.CREATE,
            Similarity = new BM25Similarity(),
            // The force-merge below rewrites a compound segment as a plain one; written plain, one segment (the whole
            // content at 1×) is already merged and is not rewritten.
            UseCompoundFile = false,
        };

        var count = 0;
        using (var writer = new IndexWriter(directory, config))
        {
            foreach (var matter in knowledge.Matters.Values.OrderBy(m => m.Id, StringComparer.Ordinal))
            {
                foreach (var (kind, faq, section, text, label) in Phrases(matter))
                {
                    var key = string.Create(CultureInfo.InvariantCulture, $"{matter.Id}/{count}");
                    writer.UpdateDocument(new Term(IndexFields.Key, key), CreateDocument(preparer, key, matter.Id, kind, faq, section, text, label));
                    count++;
                }
            }

            writer.ForceMerge(1);
            writer.Commit();
        }

        return count;
    }

    private static IEnumerable<(DocumentKind Kind, int Faq, SectionKind? Section, string Text, string Label)> Phrases(Matter matter)
    {
        yield return (DocumentKind.Name, 0, null, matter.Name, matter.Name);
        foreach (var alias in matter.Aliases)
        {
            yield return (DocumentKind.Name, 0, null, alias, alias);
        }

        foreach (var faq in matter.Faqs)
        {
            yield return (DocumentKind.Question, faq.Number, null, faq.Question, faq.Question);
            foreach (var alternative in faq.Alternatives)
            {
                yield return (DocumentKind.Question, faq.Number, null, alternative, alternative);
            }

            yield return (DocumentKind.Answer, faq.Number, null, faq.Answer, faq.Question);
        }

        foreach (var section in matter.Sections.Values)
        {
            yield return (DocumentKind.Section, 0, section.Kind, section.Markdown, section.Title);
        }
    }

    private static Document CreateDocument(
        TextPreparer preparer, string key, string matterId, DocumentKind kind, int faq, SectionKind? section, string text, string label)
    {
        var prepared = preparer.Prepare(text);
        return
        [
            new StringField(IndexFields.Key, key, Field.Store.YES),
            new StringField(IndexFields.MatterId, matterId, Field.Store.YES),
            new StringField(IndexFields.Kind, kind.ToString(), Field.Store.YES),
            new StoredField(IndexFields.FaqNumber, faq.ToString(CultureInfo.InvariantCulture)),
            new StoredField(IndexFields.Section, section?.ToString() ?? string.Empty),
            new StoredField(IndexFields.Text, label),
            new TextField(IndexFields.Words, prepared.Rewritten, Field.Store.NO),
            new Field(IndexFields.Bigrams, prepared.Joined, BigramFieldType),
        ];
    }

    private static readonly FieldType BigramFieldType = CreateBigramFieldType();

    private static FieldType CreateBigramFieldType()
    {
        var type = new FieldType(TextField.TYPE_NOT_STORED) { StoreTermVectors = true };
        type.Freeze();
        return type;
    }

    // The id is the same for every build of the same content, so a forced rebuild (or one replacing an unreadable build)
    // goes into a folder of its own and never touches the one being served: <id>, else <id>.2, <id>.3 …
    private string FreeFolder(string id)
    {
        var folder = Path.Combine(options.Value.IndexPath, id);
        for (var n = 2; Directory.Exists(folder); n++)
        {
            folder = Path.Combine(options.Value.IndexPath, string.Create(CultureInfo.InvariantCulture, $"{id}.{n}"));
        }

        return folder;
    }

    private KnowledgeSnapshot? OpenStored(string contentHash) =>
        StoredBuilds().Where(b => b.Build.ContentHash == contentHash && b.Build.Engine == IndexBuild.CurrentEngine).Select(b => TryOpen(b.Folder, b.Build)).FirstOrDefault(s => s is not null);

    private KnowledgeSnapshot? OpenLatestStored() =>
        StoredBuilds().Select(b => TryOpen(b.Folder, b.Build)).FirstOrDefault(s => s is not null);

    private KnowledgeSnapshot? TryOpen(string folder, IndexBuild build)
    {
        try
        {
            var knowledge = JsonSerializer.Deserialize<KnowledgeBase>(File.ReadAllText(Path.Combine(folder, ContentFile)));
            return knowledge is null ? null : KnowledgeSnapshot.Open(knowledge, build, folder);
        }
        catch (Exception ex) when (ex is IOException or JsonException or NotSupportedException or Lucene.Net.Index.CorruptIndexException)
        {
            LogStoredBuildUnreadable(folder, ex);
            return null;
        }
    }

    private IEnumerable<(string Folder, IndexBuild Build)> StoredBuilds()
    {
        var root = options.Value.IndexPath;
        if (!Directory.Exists(root))
        {
            return [];
        }

        var builds = new List<(string, IndexBuild)>();
        foreach (var folder in Directory.GetDirectories(root))
        {
            var file = Path.Combine(folder, BuildFile);
            if (!File.Exists(file))
            {
                continue;
            }

            try
            {
                if (JsonSerializer.Deserialize<IndexBuild>(File.ReadAllText(file)) is { } build)
                {
                    builds.Add((folder, build));
                }
            }
            catch (JsonException ex)
            {
                LogStoredBuildUnreadable(folder, ex);
            }
        }

        return builds.OrderByDescending(b => b.Item2.CreatedAt);
    }

    // Keep the build being served and the one before it (searches may still hold it); delete older ones. A folder without
    // its build file is a build still being written, by this service or by another process on the same folder (kb train
    // while the service runs): it is left alone while it was written to within the hour, and is a crashed build's leftover
    // after that.
    private void Prune(string current)
    {
        var keep = StoredBuilds().Select(b => b.Folder).Where(f => f != current).Take(1).Append(current).ToHashSet();
        var recent = timeProvider.GetUtcNow().UtcDateTime - UnfinishedBuildAge;
        bool BeingWritten(string folder) => !File.Exists(Path.Combine(folder, BuildFile)) && Directory.GetLastWriteTimeUtc(folder) > recent;
        foreach (var folder in Directory.GetDirectories(options.Value.IndexPath).Where(f => !keep.Contains(f) && !BeingWritten(f)))
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException ex)
            {
                LogPruneFailed(folder, ex);
            }
        }
    }

    private DateOnly Today() => DateOnly.FromDateTime(timeProvider.GetLocalNow().DateTime);

    [LoggerMessage(Level = LogLevel.Information, Message = "Built index {BuildId}: {Documents} documents in {ElapsedMs} ms; calibration: {Calibration}")]
    private partial void LogBuilt(string buildId, int documents, long elapsedMs, string calibration);

    [LoggerMessage(Level = LogLevel.Information, Message = "Build code warmed up on {Matters} matters in {ElapsedMs} ms, so the first rebuild after an edit is not slowed by compilation")]
    private partial void LogWarmedUp(int matters, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving index build {BuildId} ({Matters} matters, {Faqs} FAQs; reused stored build: {Reused})")]
    private partial void LogSwapped(string buildId, int matters, int faqs, bool reused);

    [LoggerMessage(Level = LogLevel.Error, Message = "Content is invalid ({Count} errors, first: {First}); the last good build keeps serving")]
    private partial void LogInvalidContent(int count, string first);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Content is invalid; serving the last good stored build {BuildId}")]
    private partial void LogServingStored(string buildId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored index build in {Folder} is unreadable and was skipped")]
    private partial void LogStoredBuildUnreadable(string folder, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete old index build {Folder}")]
    private partial void LogPruneFailed(string folder, Exception exception);
}
