using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xiaoshen.Knowledge;
using Xiaoshen.Knowledge.Content;
using Xiaoshen.Knowledge.Indexing;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Tests.Knowledge;

/// <summary>
/// Build folders: the id comes from the content, not the time, so nodes serving the same content agree on it (issue 13);
/// what a rebuild keeps beside the one it serves.
/// </summary>
public sealed class IndexBuildIdTests : IDisposable
{
    private readonly TestKnowledgeBase _content = new();
    private readonly List<KnowledgeSearch> _searches = [];

    [Fact]
    public async Task TwoNodesBuildingTheSameContentAtDifferentTimesReportTheSameBuild()
    {
        var nodeA = await ServeAsync("a", new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
        var nodeB = await ServeAsync("b", new DateTimeOffset(2026, 11, 30, 15, 41, 7, TimeSpan.Zero));

        Assert.Equal(nodeA.Search.Build.Id, nodeB.Search.Build.Id);
        Assert.StartsWith(ContentLoader.HashFolder(_content.ContentPath)[..12], nodeA.Search.Build.Id, StringComparison.Ordinal);
        Assert.Equal(nodeA.Search.Build.Id, (await nodeB.Search.AskAsync("社保卡丢了怎么补办")).BuildId);
    }

    [Fact]
    public async Task AForcedRebuildOfTheSameContentKeepsItsIdAndBuildsBesideTheServedFolder()
    {
        var node = await ServeAsync("a", new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
        var before = node.Search.Build.Id;

        await node.Indexer.RefreshAsync(force: true);

        Assert.Equal(before, node.Search.Build.Id);
        Assert.Equal([before, before + ".2"], Directory.GetDirectories(Path.Combine(_content.IndexPath, "a")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(Decision.Answer, (await node.Search.AskAsync("社保卡丢了怎么补办")).Decision);
    }

    // A build that another process is writing into the same index folder (kb train while the service runs) has no build
    // file yet: a rebuild here pruned it, and that process failed on a missing model file. A leftover of a crashed build,
    // older than an hour, is still cleared.
    [Fact]
    public async Task ARebuildLeavesABuildThatAnotherProcessIsWritingAndClearsAnOldUnfinishedOne()
    {
        var now = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
        var node = await ServeAsync("a", now);
        var folder = Path.Combine(_content.IndexPath, "a");
        var writing = Directory.CreateDirectory(Path.Combine(folder, "being-written")).FullName;
        File.WriteAllText(Path.Combine(writing, "segments_1"), "index being written");
        Directory.SetLastWriteTimeUtc(writing, now.UtcDateTime.AddMinutes(-1));
        var crashed = Directory.CreateDirectory(Path.Combine(folder, "crashed")).FullName;
        Directory.SetLastWriteTimeUtc(crashed, now.UtcDateTime.AddHours(-2));

        await node.Indexer.RefreshAsync(force: true);

        Assert.True(File.Exists(Path.Combine(writing, "segments_1")));
        Assert.False(Directory.Exists(crashed));
    }

    public void Dispose()
    {
        foreach (var search in _searches)
        {
            search.Dispose();
        }

        _content.Dispose();
    }

    private async Task<(KnowledgeSearch Search, KnowledgeIndexer Indexer)> ServeAsync(string node, DateTimeOffset now)
    {
        var clock = new FakeTimeProvider(now);
        var options = Options.Create(new KnowledgeOptions { ContentPath = _content.ContentPath, IndexPath = Path.Combine(_content.IndexPath, node) });
        var search = new KnowledgeSearch(clock);
        _searches.Add(search);
        var indexer = new KnowledgeIndexer(options, search, clock, NullLogger<KnowledgeIndexer>.Instance);
        await indexer.RefreshAsync();
        return (search, indexer);
    }
}
